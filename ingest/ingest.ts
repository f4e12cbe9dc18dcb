import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { EmbedderProvider, FittedEmbedder } from '../core/embed/embedder.js';
import { sameSpec } from '../core/embed/embedder.js';
import { AppError } from '../core/errors.js';
import { INDEX_FORMAT, type Manifest } from '../core/index/manifest.js';
import { IndexStore, type LoadedIndex } from '../core/index/store.js';
import { buildVectorStore, planVectorUpdate, updateVectorStore } from '../core/index/vectors.js';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Bm25Index } from '../core/lexical/bm25.js';
import type { Chunk } from '../core/types.js';
import { dedupe, expand, placesPerFile, type Placed } from './dedupe.js';
import { DEFAULT_LIMITS, extract, readBytes, type LoadLimits, type Structure } from './load.js';
import { chunkDocument, DEFAULT_CHUNKING, type ChunkingSettings } from './split.js';
import { walk, type FoundFile, type Skip } from './walk.js';
import { withIndexLock } from '../core/index/lock.js';
import { faultPoint } from '../core/index/fault.js';

export interface IngestOptions {
  docsDir: string;
  indexDir: string;
  provider: EmbedderProvider;
  chunking?: ChunkingSettings;
  /** File size, extracted text size and time per file; defaults in DEFAULT_LIMITS. */
  limits?: Partial<LoadLimits>;
  /** Rebuild everything, refitting the embedder, even when nothing changed. */
  force?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Test seam: runs after the new generation is built, before it is written. */
  beforeSave?: () => Promise<void> | void;
}

/**
 * How far a run is. A `read` event follows each file, naming it, its size in bytes and what became of
 * it (for a progress bar's MB/s and ETA, and `npm run ingest -- --verbose`).
 */
export type ProgressEvent = {
  phase: 'read' | 'embed';
  done: number;
  total: number;
  source?: string;
  bytes?: number;
  outcome?: 'unchanged' | 'converted' | 'skipped';
};

export interface IngestSummary {
  files: number;
  chunks: number;
  added: string[];
  changed: string[];
  removed: string[];
  skipped: Skip[];
  /** Files converted to text in this run (new or changed, or failed before under other limits). */
  converted: number;
  /** Chunks sent to the embedder in this run. */
  embedded: number;
  /** Chunks whose text also appears elsewhere, indexed once under their first place. */
  duplicates: number;
  /** False when nothing changed and no new generation was written. */
  written: boolean;
  refitted: boolean;
  seconds: number;
}

interface ReadFile {
  source: string;
  hash: string;
  /** Present when the file was (re)converted in this run. */
  text?: string;
  structure?: Structure;
  /**
   * The indexed file whose chunks this one takes over, unconverted: itself when unchanged, or the
   * same bytes under another path (moved, renamed or copied).
   */
  reuses?: string;
}

/** When more than this share of the chunks is new, corpus statistics have drifted: refit the embedder. */
const REFIT_SHARE = 0.5;
const EMBED_BATCH = 64;
/** Bump when extraction, chunking or tokenisation rules change, so older indexes are rebuilt rather than reused. */
export const EXTRACTION_VERSION = 10;

/**
 * Bring the index in `indexDir` up to date with `docsDir`: unchanged files (same bytes) keep their
 * chunks and vectors without being converted again, changed and new files are converted, chunked
 * and embedded, deleted files drop out. Writes a new generation only when something changed.
 * One process at a time writes an index folder; others wait for it.
 */
export function ingest(options: IngestOptions): Promise<IngestSummary> {
  return withIndexLock(options.indexDir, () => ingestLocked(options));
}

async function ingestLocked(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = new IndexStore(options.indexDir);
  const { files: found, skipped } = await walk(options.docsDir);
  // Crash-test kill points spread over the run (core/index/fault.ts); nothing when DOCQA_FAULT_AT is unset.
  faultPoint('ingest:walked');
  const previous = options.force ? undefined : await reusable(store, options.provider, chunking);
  const before = previous?.manifest.files ?? {};

  const { files, failed, converted } = await readFiles(
    found,
    { files: before, failed: previous?.manifest.failed ?? {} },
    limits,
    skipped,
    options.onProgress,
  );

  const added = files.filter((f) => !before[f.source]).map((f) => f.source);
  const changed = files.filter((f) => before[f.source] && before[f.source]!.hash !== f.hash).map((f) => f.source);
  const present = new Set(files.map((f) => f.source));
  const removed = Object.keys(before).filter((source) => !present.has(source));
  const summary = (written: boolean, chunks: Chunk[], embedded: number, refitted: boolean): IngestSummary => ({
    files: files.length,
    chunks: chunks.length,
    added,
    changed,
    removed,
    skipped,
    converted,
    embedded,
    written,
    refitted,
    duplicates: chunks.reduce((n, c) => n + (c.alsoIn?.length ?? 0), 0),
    seconds: (performance.now() - started) / 1000,
  });

  // Everything skipped that is not a remembered failure: recorded too, so the server can list it (by path).
  const notConverted: Skipped = Object.fromEntries(
    skipped
      .filter((s) => !Object.hasOwn(failed, s.source))
      .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
      .map((s) => [s.source, { reason: s.reason }]),
  );
  const sameFailures = sameEntries(failed, previous?.manifest.failed ?? {});
  const sameSkips = sameReasons(notConverted, previous?.manifest.skipped ?? {});
  if (previous && added.length + changed.length + removed.length === 0 && sameFailures && sameSkips)
    return summary(false, previous.chunks, 0, false);

  const kept = previous ? keptPlaces(previous, files) : new Map<string, Placed[]>();
  const perFile: Placed[][] = [];
  let freshCount = 0;
  for (const file of files) {
    if (file.text === undefined) {
      perFile.push(kept.get(file.source) ?? []);
      continue;
    }
    const fresh = await chunkDocument(file.source, file.text, chunking, file.structure);
    freshCount += fresh.length;
    perFile.push(fresh.map((chunk) => ({ chunk })));
    // Chunking a long document is a few hundred milliseconds of this thread's time: questions and
    // health probes get in between documents, and before the embedder is fitted.
    await yieldToLoop();
  }
  const keptCount = [...kept.values()].reduce((n, list) => n + list.length, 0);
  const refit = !previous || freshCount > REFIT_SHARE * (freshCount + keptCount);
  // Files in walk order, chunks in file order: ids are stable for an unchanged corpus.
  const chunks = dedupe(perFile);
  faultPoint('ingest:chunked');

  const embedder: FittedEmbedder = refit ? await options.provider.fit(chunks.map((c) => c.text)) : previous!.embedder;
  const vectors = await vectorStoreFor(embedder, chunks, refit ? undefined : previous!.vectors, options.onProgress);

  const places = placesPerFile(chunks);
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    embedder: options.provider.spec,
    chunking,
    extraction: EXTRACTION_VERSION,
    files: Object.fromEntries(files.map((f) => [f.source, { hash: f.hash, chunks: places.get(f.source) ?? 0 }])),
    failed,
    skipped: notConverted,
    counts: {
      files: files.length,
      chunks: chunks.length,
      dimensions: chunks.length > 0 ? vectors.store.index.getNumDimensions() : 0,
    },
  };
  const data = { manifest, chunks, embedder, lexical: await Bm25Index.build(chunks), vectors: vectors.store };
  await options.beforeSave?.();
  faultPoint('ingest:saving');
  await store.save(data);
  return summary(true, chunks, vectors.embedded, refit);
}

type Failures = NonNullable<Manifest['failed']>;
type Skipped = NonNullable<Manifest['skipped']>;

/** The limits a conversion can fail by; a file that failed under other limits is tried again. */
const limitsKey = (limits: LoadLimits) => `text ${limits.maxTextChars}, ${limits.timeoutMs} ms`;

/** Same bytes and same kind of file: one conversion serves both (a moved .txt, not a .txt renamed .md). */
const sameBytes = (hash: string, source: string) => `${hash} ${path.extname(source).toLowerCase()}`;

/**
 * Hash every file; convert only those whose bytes are not already indexed (under any path: a moved
 * or renamed file keeps its chunks and vectors), nor failed to convert under the same limits.
 * Failures become skips and are remembered.
 */
async function readFiles(
  found: FoundFile[],
  before: { files: Manifest['files']; failed: Failures },
  limits: LoadLimits,
  skipped: Skip[],
  onProgress?: (event: ProgressEvent) => void,
): Promise<{ files: ReadFile[]; failed: Failures; converted: number }> {
  const files: ReadFile[] = [];
  const failed: Failures = {};
  let converted = 0;
  const key = limitsKey(limits);
  const indexed = new Map(Object.entries(before.files).map(([source, f]) => [sameBytes(f.hash, source), source]));
  const failedBytes = new Map(Object.entries(before.failed).map(([source, f]) => [sameBytes(f.hash, source), f]));
  for (const [i, file] of found.entries()) {
    const read = await readBytes(file.absolute, limits.maxFileBytes);
    const bytes = read.ok ? sameBytes(read.hash, file.source) : '';
    const reuses = read.ok
      ? before.files[file.source]?.hash === read.hash
        ? file.source
        : indexed.get(bytes)
      : undefined;
    const failedBefore = read.ok ? failedBytes.get(bytes) : undefined;
    if (!read.ok) skipped.push({ source: file.source, reason: read.reason });
    else if (reuses) files.push({ source: file.source, hash: read.hash, reuses });
    else if (failedBefore?.hash === read.hash && failedBefore.limits === key) {
      failed[file.source] = failedBefore;
      skipped.push({ source: file.source, reason: failedBefore.reason });
    } else {
      const loaded = await extract(read, path.extname(file.absolute), limits);
      converted += 1;
      if (loaded.ok)
        files.push({
          source: file.source,
          hash: read.hash,
          text: loaded.text,
          structure: { pageStarts: loaded.pageStarts, headings: loaded.headings },
        });
      else {
        if (!loaded.transient) failed[file.source] = { hash: read.hash, reason: loaded.reason, limits: key };
        skipped.push({ source: file.source, reason: loaded.reason });
      }
    }
    const outcome =
      !read.ok || skipped.at(-1)?.source === file.source
        ? 'skipped'
        : files.at(-1)?.source === file.source && !('text' in files.at(-1)!)
          ? 'unchanged'
          : 'converted';
    onProgress?.({
      phase: 'read',
      done: i + 1,
      total: found.length,
      source: file.source,
      bytes: read.ok ? read.bytes.length : 0,
      outcome,
    });
    faultPoint('ingest:read');
    // Conversion is CPU work on the server's thread: let questions in between files.
    await yieldToLoop();
  }
  return { files, failed, converted };
}

function sameEntries(a: Failures, b: Failures): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => b[k]?.hash === a[k]!.hash && b[k]!.limits === a[k]!.limits)
  );
}

function sameReasons(a: Skipped, b: Skipped): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k]?.reason === a[k]!.reason);
}

/**
 * The previous generation's chunks for the files that reuse them (duplicates included), each
 * placed in the file that takes it over: under its own path, or a moved file's new one.
 */
function keptPlaces(previous: LoadedIndex, files: ReadFile[]): Map<string, Placed[]> {
  const takers = new Map<string, string[]>();
  for (const f of files) if (f.reuses) takers.set(f.reuses, [...(takers.get(f.reuses) ?? []), f.source]);
  const kept = new Map<string, Placed[]>();
  for (const chunk of previous.chunks) {
    for (const place of expand(chunk)) {
      for (const source of takers.get(place.source) ?? []) {
        const list = kept.get(source) ?? [];
        list.push({ chunk: { ...place, source } });
        kept.set(source, list);
      }
    }
  }
  // A duplicate's place can come before its file's own chunks in index order: restore file order.
  for (const list of kept.values()) list.sort((a, b) => a.chunk.startOffset - b.chunk.startOffset);
  return kept;
}

/** The live index, if it was built with the same embedder, chunking and extraction rules and can be read. */
async function reusable(
  store: IndexStore,
  provider: EmbedderProvider,
  chunking: ChunkingSettings,
): Promise<LoadedIndex | undefined> {
  const manifest = await store.manifest().catch(() => undefined);
  if (!manifest || !sameSpec(manifest.embedder, provider.spec) || manifest.extraction !== EXTRACTION_VERSION)
    return undefined;
  if (manifest.chunking.chunkSize !== chunking.chunkSize || manifest.chunking.chunkOverlap !== chunking.chunkOverlap)
    return undefined;
  return store.load(provider).catch(() => undefined);
}

/**
 * A remote model's batch, checked before the vector graph sees it: one vector per text, all of one
 * length (the previous graph's, when it is updated). Returns that length.
 */
function checkVectors(out: number[][], texts: number, dimensions: number | undefined, inIndex: boolean): number {
  if (out.length !== texts)
    throw new AppError('upstream_error', `The embedding model returned ${out.length} vectors for ${texts} texts.`);
  const expected = dimensions ?? out[0]?.length ?? 0;
  const odd = out.find((v) => !Array.isArray(v) || v.length !== expected || v.length === 0);
  if (odd === undefined) return expected;
  const got = Array.isArray(odd) ? `a ${odd.length}-dimensional vector` : 'something other than a vector';
  const why = inIndex
    ? `, but the index holds ${expected}-dimensional ones: the model has changed. Re-ingest with: npm run ingest -- --force`
    : ` among ${expected}-dimensional ones.`;
  throw new AppError('upstream_error', `The embedding model returned ${got}${why}`);
}

/**
 * The new generation's vector graph. With the embedder unchanged, the previous graph is updated in
 * place (only new texts are embedded and inserted); after a refit, or when the previous graph has
 * gathered too many deleted points, it is built anew.
 */
async function vectorStoreFor(
  embedder: FittedEmbedder,
  chunks: Chunk[],
  previous: HNSWLib | undefined,
  onProgress?: (event: ProgressEvent) => void,
): Promise<{ store: HNSWLib; embedded: number }> {
  const plan = previous && planVectorUpdate(previous, chunks);
  const missing = chunks.map((_, i) => i).filter((i) => plan?.reused[i] === undefined);
  const fresh = new Map<number, number[]>();
  let dimensions = previous?.index.getNumDimensions();
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    const out = await embedder.embeddings.embedDocuments(batch.map((i) => chunks[i]!.text));
    dimensions = checkVectors(out, batch.length, dimensions, previous !== undefined);
    batch.forEach((i, j) => fresh.set(i, out[j]!));
    onProgress?.({ phase: 'embed', done: Math.min(start + EMBED_BATCH, missing.length), total: missing.length });
    faultPoint('ingest:embedded');
    // The local embedder computes in this thread: let questions in between batches.
    await yieldToLoop();
  }
  if (previous && plan && !plan.rebuild)
    return { store: await updateVectorStore(previous, chunks, plan, fresh), embedded: missing.length };
  const all = chunks.map((_, i) => fresh.get(i) ?? previous!.index.getPoint(plan!.reused[i]!));
  return { store: await buildVectorStore(embedder, chunks, all), embedded: missing.length };
}
