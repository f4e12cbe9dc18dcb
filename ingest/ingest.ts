import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { EmbedderProvider, FittedEmbedder } from '../core/embed/embedder.js';
import { INDEX_FORMAT, type Manifest } from '../core/index/manifest.js';
import { IndexStore } from '../core/index/store.js';
import { Bm25Index } from '../core/lexical/bm25.js';
import type { Chunk } from '../core/types.js';
import type { Placed } from './dedupe.js';
import { placeChunks } from './splice.js';
import { DEFAULT_LIMITS, type LoadLimits } from './load.js';
import { chunkDocument, DEFAULT_CHUNKING, type ChunkingSettings } from './split.js';
import { walk, type Skip } from './walk.js';
import { withIndexLock } from '../core/index/lock.js';
import { faultPoint } from '../core/index/fault.js';
import { readFiles, type Skipped } from './read-files.js';
import { EXTRACTION_VERSION, reusable, sameEntries, sameReasons } from './previous-index.js';
import { vectorStoreFor } from './embed-chunks.js';
import { ingestInThread, localSettings } from './threads/ingest-thread.js';
import { HashedFeatures, type HashedState } from '../core/embed/hashed-features.js';
import { TokenizedTexts } from '../core/lexical/word-tokens.js';
import { LocalHashEmbeddings } from '../core/providers/local-hash.js';
import { runInBackground } from './background.js';
import { keepGeneration } from './kept-generation.js';

export { EXTRACTION_VERSION } from './previous-index.js';

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
  /**
   * Run on worker threads (the local embedder only; others run here): the caller's event loop stays
   * free, and both cores work. The CLI, the server's queue and the bench set it.
   */
  threads?: boolean;
  /**
   * A server's re-index: on threads, they run at a lower priority than the caller's, so the thread
   * answering questions gets a core first (ingest/background.ts). Not for a CLI run, which should
   * take what the machine gives it.
   */
  background?: boolean;
  /**
   * On threads: keep the ingest thread idle for a while after the run, for the next one (a watched
   * folder changes in bursts). Off for a one-off run in a long-lived process, whose heap it would
   * otherwise hold for a minute. Default true.
   */
  keepThread?: boolean;
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
  /** Files whose bytes were read and hashed in this run (the others' stat was the one recorded when they last were). */
  hashed: number;
  /** Chunks sent to the embedder in this run. */
  embedded: number;
  /** Chunks whose text also appears elsewhere, indexed once under their first place. */
  duplicates: number;
  /** False when nothing changed and no new generation was written. */
  written: boolean;
  refitted: boolean;
  seconds: number;
}

/** When more than this share of the chunks is new, corpus statistics have drifted: refit the embedder. */
const REFIT_SHARE = 0.5;

/**
 * Bring the index in `indexDir` up to date with `docsDir`: unchanged files (same bytes) keep their
 * chunks and vectors without being converted again, changed and new files are converted, chunked
 * and embedded, deleted files drop out. Writes a new generation only when something changed.
 * One process at a time writes an index folder; others wait for it.
 */
export function ingest(options: IngestOptions): Promise<IngestSummary> {
  const local = options.threads && !options.beforeSave ? localSettings(options.provider) : undefined;
  return withIndexLock(options.indexDir, () => (local ? ingestInThread(options, local) : ingestLocked(options)));
}

/** The run itself, under the index lock the caller holds (on this thread, or the ingest thread's). */
export async function ingestLocked(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  runInBackground(options.background === true);
  // Before any file is read: a file's stat is trusted next time only if it last changed well before this (read-files.ts).
  const runStart = Date.now();
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = new IndexStore(options.indexDir);
  const { files: found, skipped } = await walk(options.docsDir);
  // Crash-test kill points spread over the run (core/index/fault.ts); nothing when DOCQA_FAULT_AT is unset.
  faultPoint('ingest:walked');
  const previous = options.force ? undefined : await reusable(store, options.provider, chunking);
  const before = previous?.manifest.files ?? {};

  const { files, failed, converted, hashed } = await readFiles(
    found,
    { files: before, failed: previous?.manifest.failed ?? {} },
    limits,
    skipped,
    options.onProgress,
    runStart,
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
    hashed,
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
  if (previous && added.length + changed.length + removed.length === 0 && sameFailures && sameSkips) {
    // Unchanged and still live: kept for the next run as it was taken.
    keepGeneration(path.resolve(options.indexDir), previous);
    return summary(false, previous.chunks, 0, false);
  }

  const fresh = new Map<string, Placed[]>();
  let freshCount = 0;
  for (const file of files) {
    if (file.text === undefined) continue;
    const own = await chunkDocument(file.source, file.text, chunking, file.structure);
    freshCount += own.length;
    fresh.set(
      file.source,
      own.map((chunk) => ({ chunk })),
    );
    // Chunking a long document is a few hundred milliseconds of this thread's time: questions and
    // health probes get in between documents, and before the embedder is fitted.
    await yieldToLoop();
  }
  const { chunks, places, keptCount, from } = placeChunks(previous, files, fresh);
  const refit = !previous || freshCount > REFIT_SHARE * (freshCount + keptCount);
  faultPoint('ingest:chunked');

  // The local embedder's fit and vectors and the BM25 build read each text's words from one tokenising
  // (core/lexical/word-tokens.ts, core/embed/hashed-features.ts): the same numbers and terms, each
  // distinct word lowercased, stemmed and hashed once.
  const settings = localSettings(options.provider);
  const tokens = settings && new TokenizedTexts(chunks.map((c) => c.text));
  const features = settings && tokens && new HashedFeatures(settings, tokens.vocabulary);
  let embedder: FittedEmbedder;
  if (!refit) embedder = previous!.embedder;
  else if (features) embedder = options.provider.restore(await features.fit(tokens!, () => yieldToLoop()));
  else embedder = await options.provider.fit(chunks.map((c) => c.text));
  // Vectors from tokens only for the local embedder itself (a wrapper with its spec embeds its own way).
  const encoder =
    features && embedder.embeddings instanceof LocalHashEmbeddings
      ? { features, tokens: tokens!, idf: (embedder.state as HashedState).idf }
      : undefined;
  const vectors = await vectorStoreFor(
    embedder,
    chunks,
    refit ? undefined : previous!.vectors,
    options.onProgress,
    options.threads ? settings : undefined,
    encoder,
    from,
  );
  // Built here while a helper thread (if any) builds the vector graph.
  // Kept texts' term counts come from the previous generation's postings instead of being tokenised again.
  const lexical = await Bm25Index.build(
    chunks,
    undefined,
    previous && { index: previous.lexical, chunks: previous.chunks, from },
    // The BM25 build is the tokens' last reader: each text's go as it is counted.
    tokens &&
      ((i) => {
        const out = tokens.terms(i);
        tokens.forget(i);
        return out;
      }),
  );
  await vectors.built;

  const manifest: Manifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    embedder: options.provider.spec,
    chunking,
    extraction: EXTRACTION_VERSION,
    files: Object.fromEntries(
      files.map((f) => [
        f.source,
        { hash: f.hash, chunks: places.get(f.source) ?? 0, ...(f.stat && { stat: f.stat }) },
      ]),
    ),
    failed,
    skipped: notConverted,
    counts: {
      files: files.length,
      chunks: chunks.length,
      dimensions: chunks.length > 0 ? vectors.store.index.getNumDimensions() : 0,
    },
  };
  const data = { manifest, chunks, embedder, lexical, vectors: vectors.store };
  await options.beforeSave?.();
  faultPoint('ingest:saving');
  const generation = await store.save(data, from && previous && { chunks: previous.chunks, from });
  keepGeneration(path.resolve(options.indexDir), { generation, ...data });
  return summary(true, chunks, vectors.embedded, refit);
}
