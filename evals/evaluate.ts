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
    // A baseline not run leaves its fields out, so the report shows nothing rather than zeros.
    const base = options.baseline && (await options.baseline.rank(item));
    const bm25 = options.bm25 && (await options.bm25.rank(item));
    const baselines = {
      ...(base && { baselineMs: base.ms, baselineRank: base.rank }),
      ...(bm25 && { bm25Rank: bm25.rank }),
    };
    results.push(scoreItem(item, response, { retrievalMs, answerMs, ...baselines }));
    options.onItem?.(results.length);
  }
  return results;
}
