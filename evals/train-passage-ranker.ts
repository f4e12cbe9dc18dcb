/**
 * Trains the passage ranker (core/answer/passage-ranker.json) on the SQuAD tuning articles and
 * prints its leave-one-article-out recall@1 beside the fused ranking's. Deterministic: the same
 * data gives the same weights. The test articles are never read.
 * Usage: npx tsx evals/train-passage-ranker.ts [squad.json] [--dry-run]
 */
import { writeFile } from 'node:fs/promises';
import { PASSAGE_FEATURES, passageFeatures } from '../core/answer/passage-features.js';
import { PASSAGE_MODEL_FILE, RERANK_DEPTH, scoreRows, type PassageModel } from '../core/answer/passage-ranker.js';
import { HybridRetriever } from '../core/retrieve/hybrid.js';
import { goldFile } from './set.js';
import { squadIndex } from './squad-index.js';

/** Chosen by the same leave-one-article-out runs (0.001 to 1 tried; 0.1 best on all three articles). */
const L2 = 0.1;
const EPOCHS = 300;
const STEP = 0.5;

/** One question: its retrieved passages' feature rows and which of them is the gold paragraph. */
interface Question {
  article: string;
  rows: number[][];
  gold: number;
}

/** Listwise logistic regression: softmax over a question's passages, cross-entropy on the gold one, L2. */
function train(questions: Question[], articles: string[]): PassageModel {
  const usable = questions.filter((q) => q.gold >= 0);
  const all = usable.flatMap((q) => q.rows);
  const d = PASSAGE_FEATURES.length;
  const mean = Array.from({ length: d }, (_, i) => all.reduce((s, x) => s + x[i]!, 0) / all.length);
  const std = mean.map((m, i) => Math.sqrt(all.reduce((s, x) => s + (x[i]! - m) ** 2, 0) / all.length) || 1);
  const model: PassageModel = {
    features: [...PASSAGE_FEATURES],
    mean,
    std,
    weights: new Array(d).fill(0),
    trainedOn: articles,
    l2: L2,
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Array<number>(d).fill(0);
    for (const q of usable) {
      const scores = scoreRows(model, q.rows);
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const total = exp.reduce((a, b) => a + b, 0);
      q.rows.forEach((x, j) => {
        const delta = exp[j]! / total - (j === q.gold ? 1 : 0);
        x.forEach((v, i) => (gradient[i]! += (delta * (v - mean[i]!)) / std[i]!));
      });
    }
    model.weights = model.weights.map((w, i) => w - STEP * (gradient[i]! / usable.length + L2 * w));
  }
  return {
    ...model,
    weights: model.weights.map((w) => Number(w.toFixed(6))),
    mean: mean.map((m) => Number(m.toFixed(6))),
    std: std.map((s) => Number(s.toFixed(6))),
  };
}

const firstIsGold = (q: Question, scores: number[]) => scores.indexOf(Math.max(...scores)) === q.gold;
const share = (n: number, of: number) => (n / of).toFixed(3);

const squad = await squadIndex(process.argv.slice(2).find((a) => !a.startsWith('--')));
const retriever = HybridRetriever.fromIndex(squad.index);
const idf = (stem: string) => squad.index.lexical.idf(stem);
// Answerable questions only: SQuAD v2's unanswerable ones come in near-copies that would count one question many times.
const questions: Question[] = [];
for (const item of squad.tuning.filter((i) => i.answers.length > 0)) {
  const passages = await retriever.retrieve({ question: item.question, k: RERANK_DEPTH });
  const gold = goldFile(item.sources[0]!);
  questions.push({
    article: item.tags![0]!,
    rows: passageFeatures(item.question, passages, idf),
    gold: passages.findIndex((p) => p.chunk.source === gold),
  });
}

console.log(
  `${questions.length} answerable questions from ${squad.tuningArticles.join(', ')}; recall@1, leave one article out:`,
);
let fusedHits = 0;
let rankedHits = 0;
for (const held of squad.tuningArticles) {
  const model = train(
    questions.filter((q) => q.article !== held),
    squad.tuningArticles.filter((a) => a !== held),
  );
  const heldOut = questions.filter((q) => q.article === held);
  const fused = heldOut.filter((q) => q.gold === 0).length;
  const ranked = heldOut.filter((q) => firstIsGold(q, scoreRows(model, q.rows))).length;
  fusedHits += fused;
  rankedHits += ranked;
  console.log(`  ${held.padEnd(34)} fused ${share(fused, heldOut.length)}  ranker ${share(ranked, heldOut.length)}`);
}
console.log(
  `  ${'all'.padEnd(34)} fused ${share(fusedHits, questions.length)}  ranker ${share(rankedHits, questions.length)}`,
);

const model = train(questions, squad.tuningArticles);
console.log('weights:', PASSAGE_FEATURES.map((f, i) => `${f} ${model.weights[i]}`).join(', '));
if (!process.argv.includes('--dry-run')) {
  await writeFile(PASSAGE_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`wrote ${PASSAGE_MODEL_FILE.pathname}`);
}
await squad.remove();
