/**
 * Measures retrieval recall for BM25 alone, vectors alone and weighted fusions on the SQuAD
 * benchmark: weights are chosen on the tuning articles and reported on the test articles.
 * Usage: npx tsx evals/tune-fusion.ts [squad.json]
 */
import { HybridRetriever, DEFAULT_WEIGHTS } from '../core/retrieve/hybrid.js';
import { goldFile, type EvalItem } from './set.js';
import { squadIndex } from './squad-index.js';

const squad = await squadIndex(process.argv.slice(2).find((a) => !a.startsWith('--')));
const { index } = squad;

async function recall(items: EvalItem[], vector: number, lexical = 1, c = DEFAULT_WEIGHTS.c): Promise<string> {
  const retriever = HybridRetriever.fromIndex(index, { ...DEFAULT_WEIGHTS, vector, lexical, c });
  const hits = [0, 0, 0];
  for (const item of items) {
    const gold = goldFile(item.sources[0]!);
    const got = (await retriever.retrieve({ question: item.question, k: 10 })).map((p) => p.chunk.source);
    [1, 5, 10].forEach((k, i) => (hits[i]! += got.slice(0, k).includes(gold) ? 1 : 0));
  }
  return hits.map((h) => (h / items.length).toFixed(3)).join(' / ');
}

console.log(`tuning: ${squad.tuningArticles.join(', ')} | test: ${squad.testArticles.join(', ')}`);
console.log('config                  tuning r@1/5/10        test r@1/5/10');
const configs: [string, number, number, number][] = [
  ['bm25 only', 0, 1, 60],
  ['vector only', 1, 0, 60],
  ['fused w=1 c=60', 1, 1, 60],
];
for (const c of [5, 20, 60]) for (const w of [0.5, 0.25, 0.1]) configs.push([`fused w=${w} c=${c}`, w, 1, c]);
configs.push([
  `default w=${DEFAULT_WEIGHTS.vector} c=${DEFAULT_WEIGHTS.c}`,
  DEFAULT_WEIGHTS.vector,
  DEFAULT_WEIGHTS.lexical,
  DEFAULT_WEIGHTS.c,
]);
// Only the tuning split decides; pass --test to also print the test split once the choice is made.
const showTest = process.argv.includes('--test');
for (const [name, vector, lexical, c] of configs) {
  console.log(
    `${name.padEnd(22)}  ${await recall(squad.tuning, vector, lexical, c)}   ${showTest ? await recall(squad.test, vector, lexical, c) : ''}`,
  );
}
await squad.remove();
