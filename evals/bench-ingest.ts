/**
 * Ingest figures for `npm run bench`: a synthetic corpus of `scale` chunks (evals/synthetic.ts)
 * ingested by the project (on its threads, as `npm run ingest` does) and by LangChain's own
 * pipeline on the same files in the same run (RecursiveCharacterTextSplitter, then
 * HNSWLib.fromDocuments with the same 1,024-dimension hashing embedder), then re-ingests with
 * nothing or one file changed.
 */
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { medianOf, timeIt, type BenchRow } from './bench-table.js';
import { writeSyntheticCorpus } from './synthetic.js';

export interface IngestBenchOptions {
  root: string;
  scale: number;
  runs: number;
  /** Runs of the LangChain baseline (slow at scale); 0 leaves it out. */
  baselineRuns: number;
  provider: EmbedderProvider;
  log: (line: string) => void;
}

/** LangChain's ingest of the same folder, as its documentation shows it, saved to disk like the project's. */
async function langchainIngest(docsDir: string, out: string, provider: EmbedderProvider): Promise<number> {
  const names = (await readdir(docsDir, { recursive: true })).filter((n) => /\.(txt|md)$/.test(n)).sort();
  const docs = await Promise.all(
    names.map(
      async (name) =>
        new Document({ pageContent: await readFile(path.join(docsDir, name), 'utf8'), metadata: { source: name } }),
    ),
  );
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 700, chunkOverlap: 120 });
  const chunks = await splitter.splitDocuments(docs);
  const embedder = await provider.fit(chunks.map((c) => c.pageContent));
  const store = await HNSWLib.fromDocuments(chunks, embedder.embeddings);
  await store.save(out);
  return chunks.length;
}

/** An ingest timed, with the longest the calling thread's event loop was held meanwhile. */
async function measured(
  run: () => Promise<IngestSummary>,
): Promise<{ ms: number; stallMs: number; summary: IngestSummary }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const summary = await run();
  const ms = performance.now() - started;
  delay.disable();
  return { ms, stallMs: delay.max / 1e6, summary };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;

export async function benchIngest(o: IngestBenchOptions): Promise<BenchRow[]> {
  const docsDir = path.join(o.root, `synthetic-${o.scale}`);
  const indexDir = path.join(o.root, `synthetic-${o.scale}-index`);
  const corpus = await writeSyntheticCorpus(docsDir, o.scale);
  const mb = corpus.bytes / 1e6;
  o.log(`synthetic corpus: ${corpus.files} files, ${mb.toFixed(1)} MB`);
  const run = () => ingest({ docsDir, indexDir, provider: o.provider, threads: true, force: true });
  let chunks = 0;
  const stalls: number[] = [];
  const cpu = { project: [] as number[], langchain: [] as number[] };
  const cpuSeconds = async (side: keyof typeof cpu, work: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    cpu[side].push((used.user + used.system) / 1e6);
  };
  const project = await medianOf(o.runs, async (i) => {
    await rm(indexDir, { recursive: true, force: true });
    let m: Awaited<ReturnType<typeof measured>> | undefined;
    await cpuSeconds('project', async () => (m = await measured(run)));
    if (!m) throw new Error('unreachable');
    chunks = m.summary.chunks;
    stalls.push(m.stallMs);
    o.log(`  project ingest ${i + 1}/${o.runs}: ${(m.ms / 1000).toFixed(2)} s, ${chunks} chunks`);
    return m.ms;
  });
  const lcOut = path.join(o.root, 'langchain-hnswlib');
  let lcChunks = 0;
  const langchain = await medianOf(o.baselineRuns, async (i) => {
    let ms = 0;
    await cpuSeconds('langchain', async () => {
      ms = await timeIt(async () => (lcChunks = await langchainIngest(docsDir, lcOut, o.provider)));
    });
    o.log(`  LangChain ingest ${i + 1}/${o.baselineRuns}: ${(ms / 1000).toFixed(2)} s, ${lcChunks} chunks`);
    return ms;
  });
  await rm(lcOut, { recursive: true, force: true });
  await run();
  const unchanged = await medianOf(o.runs, () =>
    timeIt(() => ingest({ docsDir, indexDir, provider: o.provider, threads: true })),
  );
  const first = path.join(docsDir, 'part-0', 'doc-0.txt');
  const oneChanged = await medianOf(o.runs, async (i) => {
    await appendFile(first, `\n\nAn edit made by the bench, number ${i}, about the shrew named Pip.\n`);
    return (await measured(() => ingest({ docsDir, indexDir, provider: o.provider, threads: true }))).ms;
  });
  const of = `${corpus.files} files, ${mb.toFixed(1)} MB, ${chunks} chunks`;
  // Without baseline runs (too slow at this scale) the rows have none rather than NaN.
  const baseline = (name: string, value: number) => (o.baselineRuns > 0 ? { baseline: { name, value } } : {});
  return [
    {
      name: `ingest throughput (${of})`,
      value: mb / (project / 1000),
      unit: 'MB/s',
      ...baseline(`LangChain split + HNSWLib.fromDocuments (${lcChunks} chunks)`, mb / (langchain / 1000)),
      target: '≥ 2 MB/s, ≥ 10×',
      runs: o.runs,
    },
    {
      name: 'full ingest time',
      value: project / 1000,
      unit: 's',
      ...baseline('LangChain', langchain / 1000),
      runs: o.runs,
    },
    {
      name: 'CPU time of a full ingest, all threads',
      value: median(cpu.project),
      unit: 's',
      ...baseline('LangChain', median(cpu.langchain)),
      runs: o.runs,
    },
    {
      name: 'longest stall of the calling thread during ingest',
      value: Math.max(...stalls),
      unit: 'ms',
      target: '≤ 50 ms',
    },
    { name: 're-ingest, nothing changed', value: unchanged, unit: 'ms', runs: o.runs },
    { name: 're-ingest, one file changed', value: oneChanged, unit: 'ms', target: '< 1 s', runs: o.runs },
  ];
}
