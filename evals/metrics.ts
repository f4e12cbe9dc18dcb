import type { AskResponse } from '../core/protocol.js';
import { containsAnswer, normalizeAnswer } from './normalize.js';
import type { EvalItem } from './set.js';
import { GoldSourceSchema } from './set.js';
import type { z } from 'zod/v4';

type GoldSource = z.infer<typeof GoldSourceSchema>;

/** Everything measured about one item; `report.json` holds one per item. */
export interface ItemResult {
  id: string;
  question: string;
  tags: string[];
  answers: string[];
  answerable: boolean;
  answer: string;
  abstained: boolean;
  fallback?: boolean;
  /** Declined with the closest passage shown; then whether its quote contains a gold answer. */
  closest?: boolean;
  closestContainsGold?: boolean;
  /** The offline reader's probability that the documents answer, when it gave one. */
  confidence?: number;
  citations: AskResponse['citations'];
  passages: { source: string; startLine: number; endLine: number; score: number; text: string }[];
  hasGoldSource: boolean;
  /** 1-based rank of the first retrieved passage from a gold source; null when none was retrieved. */
  goldRank: number | null;
  /** The same for the LangChain BM25Retriever baseline; absent when it was not run (`--url` without an index). */
  baselineRank?: number | null;
  /** The same for the project's BM25 alone; absent when it was not run (`--url`). */
  bm25Rank?: number | null;
  exactMatch: number;
  f1: number;
  answerContainsGold: boolean;
  evidenceContainsGold: boolean;
  firstCitationInGold: boolean;
  anyCitationInGold: boolean;
  /** Absent over HTTP, where retrieval cannot be timed apart from answering. */
  retrievalMs?: number;
  answerMs: number;
  baselineMs?: number;
}

export function inGold(gold: GoldSource[], span: { source: string; startLine: number; endLine: number }): boolean {
  return gold.some((g) => {
    if (typeof g === 'string') return g === span.source;
    if (g.file !== span.source) return false;
    return (
      (g.startLine === undefined || span.endLine >= g.startLine) &&
      (g.endLine === undefined || span.startLine <= g.endLine)
    );
  });
}

export function goldRank(
  gold: GoldSource[],
  spans: { source: string; startLine: number; endLine: number }[],
): number | null {
  const i = spans.findIndex((s) => inGold(gold, s));
  return i < 0 ? null : i + 1;
}

/** SQuAD token F1: overlap of normalised tokens, max over accepted answers. */
export function tokenF1(prediction: string, answers: string[]): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  let best = 0;
  for (const answer of answers) {
    const gold = normalizeAnswer(answer).split(' ').filter(Boolean);
    const counts = new Map<string, number>();
    for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
    let same = 0;
    for (const t of predicted) {
      const n = counts.get(t) ?? 0;
      if (n > 0) {
        same++;
        counts.set(t, n - 1);
      }
    }
    if (same === 0) continue;
    const precision = same / predicted.length;
    const recall = same / gold.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

export function exactMatch(prediction: string, answers: string[]): number {
  const p = normalizeAnswer(prediction);
  return answers.some((a) => normalizeAnswer(a) === p) ? 1 : 0;
}

export interface Timing {
  retrievalMs?: number;
  answerMs: number;
  baselineMs?: number;
  baselineRank?: number | null;
  bm25Rank?: number | null;
}

/** Score one response against its item. Answer measures count only when the answerer did not abstain. */
export function scoreItem(item: EvalItem, response: AskResponse, timing: Timing): ItemResult {
  const answerable = item.answers.length > 0;
  const gold = item.sources;
  const answered = answerable && !response.abstained;
  const firstQuote = response.citations[0]?.quote ?? '';
  return {
    id: item.id ?? '',
    question: item.question,
    tags: item.tags ?? [],
    answers: item.answers,
    answerable,
    answer: response.answer,
    abstained: response.abstained,
    ...(response.fallback !== undefined ? { fallback: response.fallback } : {}),
    ...(response.closest
      ? { closest: true, closestContainsGold: answerable && containsAnswer(firstQuote, item.answers) }
      : {}),
    ...(response.confidence !== undefined ? { confidence: response.confidence } : {}),
    citations: response.citations,
    passages: response.passages.map(({ source, startLine, endLine, score, text }) => ({
      source,
      startLine,
      endLine,
      score,
      text,
    })),
    hasGoldSource: gold.length > 0,
    goldRank: goldRank(gold, response.passages),
    exactMatch: answered ? exactMatch(response.answer, item.answers) : 0,
    f1: answered ? tokenF1(response.answer, item.answers) : 0,
    answerContainsGold: answered && containsAnswer(response.answer, item.answers),
    evidenceContainsGold: answered && containsAnswer(`${response.answer} ${firstQuote}`, item.answers),
    firstCitationInGold: response.citations.length > 0 && inGold(gold, response.citations[0]!),
    anyCitationInGold: response.citations.some((c) => inGold(gold, c)),
    ...timing,
  };
}
