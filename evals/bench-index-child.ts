/**
 * One measured process of the index benchmark (evals/bench-index.ts): started fresh, so its load
 * time counts from process start and its peak RSS is the load's alone. `project <dir>` loads the
 * project's index; `langchain <dir>` LangChain's HNSWLib.load + BM25Retriever over the same chunks.
 * Questions come on stdin (JSON lines of {question, gold}); the figures go to stdout as one JSON object.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { percentile } from './aggregate.js';

interface Question {
  question: string;
  gold: number;
}

const [mode, dir, budgetArg] = process.argv.slice(2);
/** Milliseconds of query time each measured ranking may take (LangChain's BM25 takes seconds per query at 100k). */
const budget = Number(budgetArg ?? 20000);

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/**
 * This process's own peak RSS. Not resourceUsage().maxRSS: Linux keeps a process's maxrss across
 * execve, so a child started by a parent that had held 1.9 GB (the bench, after building 100k chunks)
 * reported that as its own peak. VmHWM belongs to the address space, which exec replaces.
 */
function peakMiB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readStatus());
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

function readStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return '';
  }
}

/** Per-query times (and recall@5 of copy 0) until every question ran or the budget is spent. */
async function timed(questions: Question[], fn: (q: string) => Promise<number[]>): Promise<Record<string, number>> {
  const times: number[] = [];
  let found = 0;
  let spent = 0;
  for (const q of questions) {
    const started = performance.now();
    const ids = await fn(q.question);
    const ms = performance.now() - started;
    times.push(ms);
    spent += ms;
    if (ids.slice(0, 5).includes(q.gold)) found++;
    if (spent > budget) break;
  }
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    recallAt5: found / Math.max(1, times.length),
    n: times.length,
  };
}

function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function project(questions: Question[]): Promise<Record<string, unknown>> {
  const { IndexStore } = await import('../core/index/store.js');
  const { localHashProvider } = await import('../core/providers/local-hash.js');
  const { engineFromIndex } = await import('../core/assemble.js');
  const { collect } = await import('../core/engine.js');
  const { HybridRetriever } = await import('../core/retrieve/hybrid.js');
  const importedMs = performance.now();
  // As the server loads it (server/start.ts): texts decoded when read.
  const index = await new IndexStore(dir!).load(localHashProvider(), { lazyTexts: true });
  const loadedMs = performance.now();
  const engine = engineFromIndex(index);
  await collect(engine.ask({ question: questions[0]!.question }));
  const firstAnswerMs = performance.now();
  const peakLoad = peakMiB();
  settle();
  const retriever = HybridRetriever.fromIndex(index);
  const hybrid = await timed(questions, async (q) =>
    (await retriever.retrieve({ question: q, k: 10 })).map((p) => p.chunk.id),
  );
  const bm25 = await timed(questions, async (q) => index.lexical.search(q, 10).map((h) => h.id));
  const vector = await timed(questions, async (q) => (await retriever.vectorHits(q, 50)).map((h) => h.id));
  settle();
  return { importedMs, loadedMs, firstAnswerMs, peakLoad, steady: rssMiB(), peakEnd: peakMiB(), hybrid, bm25, vector };
}

async function langchain(questions: Question[]): Promise<Record<string, unknown>> {
  const { HNSWLib } = await import('@langchain/community/vectorstores/hnswlib');
  const { BM25Retriever } = await import('@langchain/community/retrievers/bm25');
  const { localHashProvider } = await import('../core/providers/local-hash.js');
  const importedMs = performance.now();
  const state: unknown = JSON.parse(await readFile(path.join(dir!, 'embedder.json'), 'utf8'));
  const embeddings = localHashProvider().restore(state).embeddings;
  const vectors = await HNSWLib.load(path.join(dir!, 'langchain'), embeddings);
  const docs = [...vectors.docstore._docs.values()];
  const bm25 = BM25Retriever.fromDocuments(docs, { k: 10 });
  const loadedMs = performance.now();
  await Promise.all([bm25.invoke(questions[0]!.question), vectors.similaritySearch(questions[0]!.question, 10)]);
  const firstAnswerMs = performance.now();
  const peakLoad = peakMiB();
  settle();
  const idOf = (d: { metadata: Record<string, unknown> }) => Number(d.metadata.id);
  const vector = await timed(questions, async (q) => (await vectors.similaritySearch(q, 50)).map(idOf));
  const lexical = await timed(questions, async (q) => (await bm25.invoke(q)).map(idOf));
  settle();
  return { importedMs, loadedMs, firstAnswerMs, peakLoad, steady: rssMiB(), peakEnd: peakMiB(), bm25: lexical, vector };
}

const input = await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => (text += d));
  process.stdin.on('end', () => resolve(text));
});
const questions = input
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Question);
const result = mode === 'langchain' ? await langchain(questions) : await project(questions);
process.stdout.write(`${JSON.stringify(result)}\n`);
