import type { ItemResult } from './metrics.js';

/** Headline numbers for a group of items. Answer metrics are over answerable items. */
export interface Metrics {
  items: number;
  answerable: number;
  unanswerable: number;
  'recall@1': number;
  'recall@5': number;
  'recall@10': number;
  'mrr@10': number;
  'baseline.recall@1'?: number;
  'baseline.recall@5'?: number;
  'baseline.recall@10'?: number;
  'baseline.mrr@10'?: number;
  'bm25.recall@1'?: number;
  'bm25.recall@5'?: number;
  'bm25.recall@10'?: number;
  exactMatch: number;
  f1: number;
  answerContainsGold: number;
  evidenceContainsGold: number;
  firstCitationInGold: number;
  anyCitationInGold: number;
  /** Of the items the answerer abstained on, the share that were unanswerable. */
  abstentionPrecision: number;
  /** Of the unanswerable items, the share it abstained on. */
  abstentionRecall: number;
  /** Of the answerable items, the share it abstained on. */
  wrongfulAbstention: number;
  /** Of all items, the share declined with the closest passage shown (the third reply). */
  closestPassage: number;
  /** Of the answerable items declined that way, the share whose quoted sentence contains a gold answer. */
  closestContainsGold: number;
  'retrievalMs.p50'?: number;
  'retrievalMs.p95'?: number;
  'answerMs.p50': number;
  'answerMs.p95': number;
  'baselineMs.p50'?: number;
  'baselineMs.p95'?: number;
}

export type MetricName = keyof Metrics;

/** Every metric a run can report, for checking `--min`/`--max` names before a run rather than after it. */
export const METRIC_NAMES: readonly MetricName[] = [
  'items',
  'answerable',
  'unanswerable',
  'recall@1',
  'recall@5',
  'recall@10',
  'mrr@10',
  'baseline.recall@1',
  'baseline.recall@5',
  'baseline.recall@10',
  'baseline.mrr@10',
  'bm25.recall@1',
  'bm25.recall@5',
  'bm25.recall@10',
  'exactMatch',
  'f1',
  'answerContainsGold',
  'evidenceContainsGold',
  'firstCitationInGold',
  'anyCitationInGold',
  'abstentionPrecision',
  'abstentionRecall',
  'wrongfulAbstention',
  'closestPassage',
  'closestContainsGold',
  'retrievalMs.p50',
  'retrievalMs.p95',
  'answerMs.p50',
  'answerMs.p95',
  'baselineMs.p50',
  'baselineMs.p95',
];

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
/** The share of `xs` for which `ok` holds; 0 for none. */
export const share = <T>(xs: T[], ok: (x: T) => boolean) => (xs.length ? xs.filter(ok).length / xs.length : 0);

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const recallAt = (ranks: (number | null)[], k: number) => share(ranks, (r) => r !== null && r <= k);
const mrrAt = (ranks: (number | null)[], k: number) => mean(ranks.map((r) => (r !== null && r <= k ? 1 / r : 0)));

export function aggregate(results: ItemResult[]): Metrics {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const abstained = results.filter((r) => r.abstained);
  // Retrieval is scored where a gold source exists (SQuAD's unanswerable questions have one; hand-written ones may not).
  const sourced = results.filter((r) => r.hasGoldSource);
  const ranks = sourced.map((r) => r.goldRank);
  // Baselines that were not run (absent ranks) give no numbers rather than zeros.
  const baseline = results.some((r) => r.baselineRank !== undefined)
    ? sourced.map((r) => r.baselineRank ?? null)
    : undefined;
  const bm25 = results.some((r) => r.bm25Rank !== undefined) ? sourced.map((r) => r.bm25Rank ?? null) : undefined;
  const baselineMs = results.flatMap((r) => (r.baselineMs === undefined ? [] : [r.baselineMs]));
  const retrievalMs = results.flatMap((r) => (r.retrievalMs === undefined ? [] : [r.retrievalMs]));
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    'recall@1': recallAt(ranks, 1),
    'recall@5': recallAt(ranks, 5),
    'recall@10': recallAt(ranks, 10),
    'mrr@10': mrrAt(ranks, 10),
    ...(baseline && {
      'baseline.recall@1': recallAt(baseline, 1),
      'baseline.recall@5': recallAt(baseline, 5),
      'baseline.recall@10': recallAt(baseline, 10),
      'baseline.mrr@10': mrrAt(baseline, 10),
    }),
    ...(bm25 && {
      'bm25.recall@1': recallAt(bm25, 1),
      'bm25.recall@5': recallAt(bm25, 5),
      'bm25.recall@10': recallAt(bm25, 10),
    }),
    exactMatch: mean(answerable.map((r) => r.exactMatch)),
    f1: mean(answerable.map((r) => r.f1)),
    answerContainsGold: share(answerable, (r) => r.answerContainsGold),
    evidenceContainsGold: share(answerable, (r) => r.evidenceContainsGold),
    firstCitationInGold: share(answerable, (r) => r.firstCitationInGold),
    anyCitationInGold: share(answerable, (r) => r.anyCitationInGold),
    abstentionPrecision: share(abstained, (r) => !r.answerable),
    abstentionRecall: share(unanswerable, (r) => r.abstained),
    wrongfulAbstention: share(answerable, (r) => r.abstained),
    closestPassage: share(results, (r) => r.closest === true),
    closestContainsGold: share(
      answerable.filter((r) => r.closest),
      (r) => r.closestContainsGold === true,
    ),
    ...(retrievalMs.length > 0 && {
      'retrievalMs.p50': percentile(retrievalMs, 50),
      'retrievalMs.p95': percentile(retrievalMs, 95),
    }),
    'answerMs.p50': percentile(
      results.map((r) => r.answerMs),
      50,
    ),
    'answerMs.p95': percentile(
      results.map((r) => r.answerMs),
      95,
    ),
    ...(baselineMs.length > 0 && {
      'baselineMs.p50': percentile(baselineMs, 50),
      'baselineMs.p95': percentile(baselineMs, 95),
    }),
  };
}

/** Metrics overall and for every tag. */
export function byTag(results: ItemResult[]): Record<string, Metrics> {
  const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
  return Object.fromEntries(tags.map((t) => [t, aggregate(results.filter((r) => r.tags.includes(t)))]));
}
