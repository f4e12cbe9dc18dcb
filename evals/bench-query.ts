/**
 * In-process query figures for `npm run bench` on the SQuAD benchmark's paragraphs (one file each):
 * retrieval against LangChain's BM25Retriever over the same chunks, and question to answer, first
 * and again (the answerer's caches warm), as medians over the questions.
 */
import { engineFromIndex } from '../core/assemble.js';
import { collect, type Engine } from '../core/engine.js';
import { IndexStore } from '../core/index/store.js';
import { LearnedReranker } from '../core/answer/passage-ranker.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { HybridRetriever } from '../core/retrieve/hybrid.js';
import { ingest } from '../ingest/ingest.js';
import { percentile } from './aggregate.js';
import { LangChainBaseline } from './baseline.js';
import { timeIt, type BenchRow } from './bench-table.js';
import type { EvalItem } from './set.js';

export async function benchQuery(
  docsDir: string,
  indexDir: string,
  items: EvalItem[],
  provider: EmbedderProvider,
  questions = 300,
): Promise<BenchRow[]> {
  await ingest({ docsDir, indexDir, provider, threads: true });
  const index = await new IndexStore(indexDir).load(provider);
  const retriever = HybridRetriever.fromIndex(index);
  const ranked = new LearnedReranker(retriever, (stem) => index.lexical.idf(stem));
  const engine = engineFromIndex(index);
  const langchain = new LangChainBaseline(index.chunks, 10);
  const sample = items.slice(0, questions);
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
  const first = await firstAnswers(engine, sample);
  const answer = percentile(first.answer, 50);
  const reading = first.reading;
  const answerAgain = await perQuery((question) => collect(engine.ask({ question })));
  const base = { name: 'LangChain BM25Retriever', value: lc };
  const of = `SQuAD, ${index.chunks.length} chunks, ${sample.length} questions`;
  return [
    { name: `retrieval, hybrid, median per query (${of})`, value: hybrid, unit: 'ms', baseline: base },
    { name: 'retrieval, hybrid + passage ranker', value: reranked, unit: 'ms', baseline: base },
    { name: 'retrieval, BM25 alone', value: bm25, unit: 'ms', baseline: base },
    {
      name: 'reading step after retrieval, p50 (each question the first time)',
      value: percentile(reading, 50),
      unit: 'ms',
      target: '≤ 10 ms',
    },
    { name: 'reading step after retrieval, p95', value: percentile(reading, 95), unit: 'ms', target: '≤ 30 ms' },
    { name: 'question to answer, in process', value: answer, unit: 'ms' },
    {
      name: 'the same questions again',
      value: answerAgain,
      unit: 'ms',
      baseline: { name: 'first time', value: answer },
    },
  ];
}

/**
 * Each question asked once, its retrieval and its reading timed apart: `reading` is the answerer alone on
 * the retrieved passages (sentences ranked, candidates found and read, the no-answer decision), `answer`
 * the two together, as Engine.ask runs them.
 */
async function firstAnswers(engine: Engine, items: EvalItem[]): Promise<{ answer: number[]; reading: number[] }> {
  const answer: number[] = [];
  const reading: number[] = [];
  for (const { question } of items) {
    const started = performance.now();
    const passages = await engine.retriever.retrieve({ question, k: engine.defaultK });
    const read = await timeIt(() => collect(engine.answerer.answer({ question, passages })));
    answer.push(performance.now() - started);
    reading.push(read);
  }
  return { answer, reading };
}
