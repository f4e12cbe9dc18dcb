import type { Baseline } from './baseline.js';
import { scoreItem, type ItemResult } from './metrics.js';
import type { EvalItem } from './set.js';
import type { EvalTarget } from './target.js';

/** Ask every item, score it, and rank the baseline on the same question. */
export async function evaluate(
  items: EvalItem[],
  target: EvalTarget,
  options: { k: number; baseline?: Baseline; bm25?: Baseline; onItem?: (done: number) => void },
): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const item of items) {
    const { response, retrievalMs, answerMs } = await target.ask(item.question, options.k);
    const base = options.baseline ? await options.baseline.rank(item) : { rank: null, ms: 0 };
    const bm25 = options.bm25 ? await options.bm25.rank(item) : { rank: null, ms: 0 };
    results.push(scoreItem(item, response, { retrievalMs, answerMs, baselineMs: base.ms, baselineRank: base.rank, bm25Rank: bm25.rank }));
    options.onItem?.(results.length);
  }
  return results;
}
