/**
 * The index side of the benchmark: a synthetic corpus of N chunks from SQuAD paragraphs
 * (evals/bench-index-corpus.ts) is built into an index, then loaded by fresh processes
 * (evals/bench-index-child.ts) that report the time from process start to the first answer, peak
 * and steady RSS, and retrieval p50/p95, beside LangChain's HNSWLib.load + BM25Retriever on the same
 * chunks in the same run. Medians of `runs` processes each.
 *
 *   node scripts/run.mjs evals/bench-index.ts --scale 20000 [--runs 3] [--cache] [--fold]
 *
 * `benchIndex({ scale })` is what `npm run bench` calls; its keys are stable (see BenchIndexResult).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Document } from '@langchain/core/documents';
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { FittedEmbedder } from '../core/embed/embedder.js';
import { IndexStore } from '../core/index/store.js';
import { INDEX_FORMAT, type Manifest } from '../core/index/manifest.js';
import { FOLD_BY_DEFAULT, vectorStoreBuilder } from '../core/index/vectors.js';
import { Bm25Index } from '../core/lexical/bm25.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { percentile } from './aggregate.js';
import { syntheticCorpus, type SyntheticCorpus } from './bench-index-corpus.js';

export interface BenchIndexOptions {
  scale: number;
  /** Build a folded vector graph (core/index/folded.ts); default: what ingest builds. */
  fold?: boolean;
  /** Fresh processes per side; the figures are their medians. */
  runs?: number;
  /** Questions timed per process (fewer for LangChain's BM25 when they exceed its time budget). */
  questions?: number;
  /** Keep the built index here and reuse it when it is there (same scale and index format). */
  cacheDir?: string;
  /** Measure LangChain's side too (default); hours at a million chunks, so the bench leaves it out there. */
  langchain?: boolean;
  log?: (line: string) => void;
}

/** Every figure is a number; times in ms, memory in MiB unless the key says otherwise. */
export type BenchIndexResult = Record<string, number>;

const here = fileURLToPath(import.meta.url);
const childFile = here.replace(/bench-index\.(ts|js)$/, 'bench-index-child.$1');

async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const out = await fn();
  return [out, performance.now() - started];
}

/** Texts embedded and inserted this many at a time: a million vectors as arrays of numbers would not fit V8's heap. */
const BATCH = 10_000;

/** Build the project's index (and, unless told not to, a LangChain HNSWLib save of the same vectors) for `corpus` in `dir`. */
async function build(
  dir: string,
  corpus: SyntheticCorpus,
  fold: boolean,
  withLangChain: boolean,
): Promise<BenchIndexResult> {
  const provider = localHashProvider();
  const texts = corpus.chunks.map((c) => c.text);
  const [embedder, fitMs] = await timeIt(() => provider.fit(texts));
  const dimensions = (await embedder.embeddings.embedQuery('dimensions')).length;
  const builder = await vectorStoreBuilder(embedder, dimensions, texts.length, fold);
  const vectors: number[][] = [];
  let [embedMs, vectorsMs] = [0, 0];
  for (let from = 0; from < texts.length; from += BATCH) {
    const [batch, ms] = await timeIt(() => embedder.embeddings.embedDocuments(texts.slice(from, from + BATCH)));
    embedMs += ms;
    vectorsMs += (await timeIt(() => builder.add(batch, corpus.chunks.slice(from, from + BATCH))))[1];
    if (withLangChain) vectors.push(...batch);
  }
  const store = builder.done();
  const [lexical, lexicalMs] = await timeIt(() => Bm25Index.build(corpus.chunks));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    embedder: provider.spec,
    chunking: { chunkSize: 0, chunkOverlap: 0 },
    files: {},
    counts: {
      files: Math.ceil(corpus.chunks.length / 10),
      chunks: corpus.chunks.length,
      dimensions,
    },
  };
  const [, saveMs] = await timeIt(() =>
    new IndexStore(dir).save({ manifest, chunks: corpus.chunks, vectors: store, lexical, embedder }),
  );
  const langchainMs = withLangChain
    ? (await timeIt(() => saveLangChain(path.join(dir, 'langchain'), embedder, corpus, vectors)))[1]
    : undefined;
  await writeFile(path.join(dir, 'embedder.json'), JSON.stringify(embedder.state));
  return {
    build_fit_ms: fitMs,
    ...(langchainMs === undefined ? {} : { build_langchain_ms: langchainMs }),
    build_embed_ms: embedMs,
    build_vectors_ms: vectorsMs,
    build_lexical_ms: lexicalMs,
    build_save_ms: saveMs,
  };
}

/** The same vectors as a LangChain user's HNSWLib (library defaults, full dimension, a docstore of every text). */
async function saveLangChain(
  dir: string,
  embedder: FittedEmbedder,
  corpus: SyntheticCorpus,
  vectors: number[][],
): Promise<void> {
  const { HierarchicalNSW } = await HNSWLib.imports();
  const index = new HierarchicalNSW('cosine', vectors[0]!.length);
  index.initIndex(vectors.length);
  vectors.forEach((v, i) => index.addPoint(v, i));
  const store = new HNSWLib(embedder.embeddings, { space: 'cosine', numDimensions: vectors[0]!.length, index });
  const docs = corpus.chunks.map((c): [string, Document] => [
    String(c.id),
    new Document({ pageContent: c.text, metadata: { id: c.id, source: c.source } }),
  ]);
  store.docstore = new SynchronousInMemoryDocstore(new Map(docs));
  await store.save(dir);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

/** One fresh measuring process; its JSON result. */
function child(mode: 'project' | 'langchain', dir: string, questions: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, '--expose-gc', childFile, mode, dir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench-index child (${mode}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>);
    });
    proc.stdin.end(questions);
  });
}

/** Flatten {a: {b: 1}} to {a_b: 1}, numbers only. */
function flat(obj: Record<string, unknown>, prefix: string, out: BenchIndexResult = {}): BenchIndexResult {
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'number') out[`${prefix}_${key}`] = value;
    else if (value && typeof value === 'object') flat(value as Record<string, unknown>, `${prefix}_${key}`, out);
  }
  return out;
}

async function medianOf(runs: number, fn: () => Promise<BenchIndexResult>): Promise<BenchIndexResult> {
  const all: BenchIndexResult[] = [];
  for (let i = 0; i < runs; i++) all.push(await fn());
  return Object.fromEntries(
    Object.keys(all[0]!).map((k) => [
      k,
      percentile(
        all.map((r) => r[k]!),
        50,
      ),
    ]),
  );
}

export async function benchIndex(options: BenchIndexOptions): Promise<BenchIndexResult> {
  const { scale, runs = 3, questions: wanted = 300, log = () => {} } = options;
  const corpus = await syntheticCorpus(scale);
  const dir = options.cacheDir ?? (await mkdtemp(path.join(os.tmpdir(), 'bench-index-')));
  const marker = path.join(dir, 'bench-index.json');
  const fold = options.fold ?? FOLD_BY_DEFAULT;
  const withLangChain = options.langchain ?? true;
  const stamp = JSON.stringify({
    scale,
    fold,
    withLangChain,
    format: INDEX_FORMAT,
    embedder: localHashProvider().spec,
  });
  let built: BenchIndexResult = {};
  try {
    if (!options.cacheDir || !existsSync(marker) || (await readFile(marker, 'utf8')) !== stamp) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      log(`building ${scale} chunks in ${dir}`);
      built = await build(dir, corpus, fold, withLangChain);
      await writeFile(marker, stamp);
    }
    const generation = (await readFile(path.join(dir, 'CURRENT'), 'utf8')).trim();
    const step = Math.max(1, Math.floor(corpus.questions.length / wanted));
    const sample = corpus.questions.filter((_, i) => i % step === 0).slice(0, wanted);
    const lines = sample.map((q) => JSON.stringify(q)).join('\n');
    log(`measuring ${runs} fresh processes per side, ${sample.length} questions`);
    const project = await medianOf(runs, async () => flat(await child('project', dir, lines), 'project'));
    const result: BenchIndexResult = {
      chunks: scale,
      questions: sample.length,
      ...built,
      index_mib: (await folderBytes(path.join(dir, generation))) / 2 ** 20,
      ...project,
    };
    result.project_steady_kb_per_chunk = (result.project_steady! * 1024) / scale;
    result.project_peak_over_steady = result.project_peakLoad! / result.project_steady!;
    if (!withLangChain) return result;
    const langchain = await medianOf(runs, async () => flat(await child('langchain', dir, lines), 'langchain'));
    Object.assign(result, langchain);
    result.langchain_index_mib = (await folderBytes(path.join(dir, 'langchain'))) / 2 ** 20;
    result.langchain_steady_kb_per_chunk = (result.langchain_steady! * 1024) / scale;
    result.first_answer_over_langchain = result.project_firstAnswerMs! / result.langchain_firstAnswerMs!;
    result.hybrid_p50_over_langchain_bm25 = result.project_hybrid_p50! / result.langchain_bm25_p50!;
    result.hybrid_p50_over_langchain_vector = result.project_hybrid_p50! / result.langchain_vector_p50!;
    return result;
  } finally {
    if (!options.cacheDir) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '20000' },
      runs: { type: 'string', default: '3' },
      questions: { type: 'string', default: '300' },
      cache: { type: 'boolean', default: false },
      fold: { type: 'boolean' },
    },
  });
  const scale = Number(values.scale);
  const cacheDir = values.cache
    ? path.join(os.tmpdir(), `docqa-bench-index-${scale}${values.fold ? '-folded' : ''}`)
    : undefined;
  const result = await benchIndex({
    scale,
    runs: Number(values.runs),
    fold: values.fold,
    questions: Number(values.questions),
    cacheDir,
    log: (line) => console.error(line),
  });
  const width = Math.max(...Object.keys(result).map((k) => k.length));
  for (const [key, value] of Object.entries(result))
    console.log(`${key.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(3)}`);
}
