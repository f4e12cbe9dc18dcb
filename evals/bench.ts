/**
 * `npm run bench`: ingest and query speed on the SQuAD benchmark's 173 paragraphs (and ingest on a
 * larger synthetic corpus), as medians, with
 * ratios against baselines measured in the same run (the machine is shared and noisy: compare
 * ratios, not absolute numbers, between runs).
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { engineFromIndex } from '../core/assemble.js';
import { collect } from '../core/engine.js';
import { ROOT } from '../core/paths.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { LearnedReranker } from '../core/answer/passage-ranker.js';
import { HybridRetriever } from '../core/retrieve/hybrid.js';
import { ingest } from '../ingest/ingest.js';
import { percentile } from './aggregate.js';
import { LangChainBaseline } from './baseline.js';
import { benchLargeIngest } from './bench-large.js';
import { importSquad } from './squad.js';

const file = process.argv[2] ?? path.resolve(ROOT, '../shared/benchmarks/squad-v2/dev-5-articles.json');
const RUNS = 5;
const QUESTIONS = 300;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeIt(fn));
  return percentile(times, 50);
}

const squad = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
  console.error(
    `bench failed: cannot read ${file} (${err.code ?? err.message}); pass a SQuAD JSON file: npm run bench -- <file.json>`,
  );
  process.exit(1);
});
const root = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
try {
  const docs = path.join(root, 'docs');
  const { items } = await importSquad(JSON.parse(squad), docs);
  const provider = localHashProvider();
  const indexDir = path.join(root, 'index');
  const fullIngest = await median(RUNS, () => ingest({ docsDir: docs, indexDir, provider, force: true }));
  const noChange = await median(RUNS, () => ingest({ docsDir: docs, indexDir, provider }));
  let n = 0;
  const oneChanged = await median(RUNS, async () => {
    await appendFile(path.join(docs, 'Normans/p0.txt'), ` Edit ${n++}.`);
    return ingest({ docsDir: docs, indexDir, provider });
  });
  const load = await median(RUNS, () => new IndexStore(indexDir).load(provider));
  const vocabulary = [...new Set(items.flatMap((i) => i.question.split(/[^\p{L}]+/u)).filter((w) => w.length > 2))];
  const large = await benchLargeIngest(root, provider, vocabulary);

  const index = await new IndexStore(indexDir).load(provider);
  const retriever = HybridRetriever.fromIndex(index);
  const ranked = new LearnedReranker(retriever, (stem) => index.lexical.idf(stem));
  const engine = engineFromIndex(index);
  const langchain = new LangChainBaseline(index.chunks, 10);
  const sample = items.slice(0, QUESTIONS);
  const perQuery = async (fn: (q: string) => Promise<unknown>) => {
    const times: number[] = [];
    for (const item of sample) times.push(await timeIt(() => fn(item.question)));
    return percentile(times, 50);
  };
  const hybrid = await perQuery((question) => retriever.retrieve({ question, k: 10 }));
  const reranked = await perQuery((question) => ranked.retrieve({ question, k: 10 }));
  const bm25 = await perQuery(async (question) => index.lexical.search(question, 10));
  const lc = await perQuery((question) => langchain.rank({ question, answers: [], sources: [] }));
  // The first pass fills the answerer's per-sentence analysis cache as it goes (about eight questions per
  // paragraph share sentences); the second asks the same questions again.
  const answer = await perQuery((question) => collect(engine.ask({ question })));
  const answerAgain = await perQuery((question) => collect(engine.ask({ question })));

  const rows: [string, string, string][] = [
    ['full ingest (173 files, force)', `${fullIngest.toFixed(0)} ms`, ''],
    ['re-ingest, nothing changed', `${noChange.toFixed(0)} ms`, `${(noChange / fullIngest).toFixed(2)}× of full`],
    ['re-ingest, one file changed', `${oneChanged.toFixed(0)} ms`, `${(oneChanged / fullIngest).toFixed(2)}× of full`],
    ['index load', `${load.toFixed(0)} ms`, ''],
    ...large,
    [
      'retrieval, hybrid (median/query)',
      `${hybrid.toFixed(3)} ms`,
      `${(hybrid / lc).toFixed(2)}× of LangChain BM25Retriever`,
    ],
    [
      'retrieval, hybrid + passage ranker',
      `${reranked.toFixed(3)} ms`,
      `${(reranked / lc).toFixed(2)}× of LangChain BM25Retriever`,
    ],
    ['retrieval, BM25 alone', `${bm25.toFixed(3)} ms`, `${(bm25 / lc).toFixed(2)}× of LangChain BM25Retriever`],
    ['retrieval, LangChain BM25Retriever', `${lc.toFixed(3)} ms`, '1.00×'],
    ['question to answer, in process', `${answer.toFixed(3)} ms`, ''],
    [
      'the same questions again',
      `${answerAgain.toFixed(3)} ms`,
      `${(answerAgain / answer).toFixed(2)}× of the first time`,
    ],
    ['resident memory after loading', `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`, ''],
  ];
  console.log(`${index.chunks.length} chunks, ${sample.length} questions, medians of ${RUNS} runs for ingest`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, ratio] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${ratio}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
