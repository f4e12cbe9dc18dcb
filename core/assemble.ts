import type { Answerer } from './answer/answerer.js';
import { ExtractiveAnswerer } from './answer/extractive.js';
import { LearnedReranker } from './answer/passage-ranker.js';
import { FallbackAnswerer } from './answer/fallback.js';
import { LlmAnswerer } from './answer/llm.js';
import { RewritingRetriever } from './answer/rewrite.js';
import { QuestionFailures, type ChatModelFactory } from './answer/upstream.js';
import { Engine } from './engine.js';
import type { LoadedIndex } from './index/store.js';
import { HybridRetriever } from './retrieve/hybrid.js';
import type { Retriever } from './retrieve/retriever.js';

/** A language model writing the answers (ANSWER_MODE=llm); built from configuration by core/providers/from-config.ts. */
export interface ModelAnswering {
  model: ChatModelFactory;
  timeoutMs: number;
  /** Answer extractively, marked `fallback`, when the model fails before streaming anything. */
  fallback: boolean;
  /** Added to an HTTP 404 from the model server: which settings to check. */
  notFoundHint?: string;
}

/**
 * Wire a loaded index into an engine: hybrid retrieval reordered by the learned passage ranker, and
 * the extractive answerer, or, given a
 * model, follow-ups rewritten before retrieval and the model answering (with the extractive
 * answerer as its fallback).
 */
export function engineFromIndex(
  index: LoadedIndex,
  defaultK = 5,
  model?: ModelAnswering,
  reader: 'learned' | 'rules' = 'learned',
): Engine {
  const idf = (stem: string) => index.lexical.idf(stem);
  const ranked = new LearnedReranker(HybridRetriever.fromIndex(index), idf);
  const extractive = new ExtractiveAnswerer(idf, undefined, reader === 'rules' ? null : undefined);
  if (!model) return new Engine(ranked, extractive, defaultK);
  const failures = new QuestionFailures();
  const { notFoundHint } = model;
  const retriever: Retriever = new RewritingRetriever(ranked, {
    model: model.model,
    timeoutMs: model.timeoutMs,
    failures,
    notFoundHint,
  });
  const llm = new LlmAnswerer({ model: model.model, timeoutMs: model.timeoutMs, failures, notFoundHint });
  const answerer: Answerer = model.fallback ? new FallbackAnswerer(llm, extractive) : llm;
  return new Engine(retriever, answerer, defaultK);
}
