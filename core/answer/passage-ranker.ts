import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import type { RetrievalQuery, Retriever } from '../retrieve/retriever.js';
import type { Passage } from '../types.js';
import type { TermWeight } from './evidence.js';
import { PASSAGE_FEATURES, passageFeatures } from './passage-features.js';
import { recordNamedFirst } from './record-identity.js';

/** A linear passage scorer over standardised features, as evals/train-passage-ranker.ts writes it. */
export const PassageModelSchema = z
  .object({
    features: z.array(z.string()),
    mean: z.array(z.number()),
    std: z.array(z.number().positive()),
    weights: z.array(z.number()),
    /** How it was made, for whoever reads the file. */
    trainedOn: z.array(z.string()),
    l2: z.number(),
  })
  .refine(
    (m) =>
      m.mean.length === m.features.length &&
      m.std.length === m.features.length &&
      m.weights.length === m.features.length,
    {
      message: 'mean, std and weights need one number per feature',
    },
  );
export type PassageModel = z.infer<typeof PassageModelSchema>;

export const PASSAGE_MODEL_FILE = new URL('./passage-ranker.json', import.meta.url);

export function readPassageModel(file: URL = PASSAGE_MODEL_FILE): PassageModel {
  const model = PassageModelSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  // Weights for other features (or in another order) would score nonsense: refuse them.
  if (model.features.join() !== PASSAGE_FEATURES.join())
    throw new Error(
      `${file.pathname} was trained on features [${model.features}], not [${PASSAGE_FEATURES}]; run evals/train-passage-ranker.ts`,
    );
  return model;
}

export function scoreRows(model: PassageModel, rows: number[][]): number[] {
  return rows.map((x) => x.reduce((sum, v, i) => sum + (model.weights[i]! * (v - model.mean[i]!)) / model.std[i]!, 0));
}

/** Passages reranked: the first ten at least are scored, so the first one does not depend on k. */
export const RERANK_DEPTH = 10;

/**
 * Reorders what the inner retriever found by a learned score (weights in passage-ranker.json,
 * reproduced from the SQuAD tuning articles by evals/train-passage-ranker.ts). Fused ranks alone
 * ignore how far apart the scores behind them are, and whether one sentence says what the question
 * asks; the ranker weighs both. Scores are the ranker's, so the list is ordered by them.
 */
export class LearnedReranker implements Retriever {
  constructor(
    private readonly inner: Retriever,
    private readonly termWeight: TermWeight,
    private readonly model: PassageModel = readPassageModel(),
  ) {}

  async retrieve(query: RetrievalQuery): Promise<Passage[]> {
    const passages = await this.inner.retrieve({ ...query, k: Math.max(query.k, RERANK_DEPTH) });
    const scores = scoreRows(this.model, passageFeatures(query.question, passages, this.termWeight));
    const likelihoods = softmax(scores);
    const ranked = passages
      .map((p, i) => ({ ...p, score: scores[i]!, likelihood: likelihoods[i]! }))
      .sort((a, b) => b.score - a.score);
    return recordNamedFirst(query.question, ranked).slice(0, query.k);
  }
}

/** The model was trained as a softmax over each question's passages, so this reads its scores as it learned them. */
function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}
