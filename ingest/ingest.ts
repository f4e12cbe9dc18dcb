import type { EmbedderProvider, FittedEmbedder } from '../core/embed/embedder.js';
import { sameSpec } from '../core/embed/embedder.js';
import { INDEX_FORMAT, type Manifest } from '../core/index/manifest.js';
import { buildVectorStore, IndexStore, type LoadedIndex } from '../core/index/store.js';
import { Bm25Index } from '../core/lexical/bm25.js';
import type { Chunk } from '../core/types.js';
import { loadDocument } from './load.js';
import { chunkDocument, DEFAULT_CHUNKING, type ChunkingSettings } from './split.js';
import { walk, type Skip } from './walk.js';

export interface IngestOptions {
  docsDir: string;
  indexDir: string;
  provider: EmbedderProvider;
  chunking?: ChunkingSettings;
  /** Rebuild everything, refitting the embedder, even when nothing changed. */
  force?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Test seam: runs after the new generation is built, before it is written. */
  beforeSave?: () => Promise<void> | void;
}

export type ProgressEvent = { phase: 'read' | 'embed'; done: number; total: number };

export interface IngestSummary {
  files: number;
  chunks: number;
  added: string[];
  changed: string[];
  removed: string[];
  skipped: Skip[];
  /** Chunks sent to the embedder in this run. */
  embedded: number;
  /** False when nothing changed and no new generation was written. */
  written: boolean;
  refitted: boolean;
  seconds: number;
}

interface ReadFile {
  source: string;
  hash: string;
  text: string;
}

/** When more than this share of the chunks is new, corpus statistics have drifted: refit the embedder. */
const REFIT_SHARE = 0.5;
const EMBED_BATCH = 64;

/**
 * Bring the index in `indexDir` up to date with `docsDir`: unchanged files keep their chunks and
 * vectors, changed and new files are chunked and embedded, deleted files drop out. Writes a new
 * generation only when something changed.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const store = new IndexStore(options.indexDir);
  const { files: found, skipped } = await walk(options.docsDir);

  const files: ReadFile[] = [];
  for (const [i, file] of found.entries()) {
    const loaded = await loadDocument(file.absolute);
    if (loaded.ok) files.push({ source: file.source, hash: loaded.hash, text: loaded.text });
    else skipped.push({ source: file.source, reason: loaded.reason });
    options.onProgress?.({ phase: 'read', done: i + 1, total: found.length });
  }

  const previous = options.force ? undefined : await reusable(store, options.provider, chunking);
  const before = previous?.manifest.files ?? {};
  const added = files.filter((f) => !before[f.source]).map((f) => f.source);
  const changed = files.filter((f) => before[f.source] && before[f.source]!.hash !== f.hash).map((f) => f.source);
  const removed = Object.keys(before).filter((source) => !files.some((f) => f.source === source));
  const summary = (written: boolean, chunks: number, embedded: number, refitted: boolean): IngestSummary => ({
    files: files.length, chunks, added, changed, removed, skipped, embedded, written, refitted,
    seconds: (performance.now() - started) / 1000,
  });

  if (previous && added.length + changed.length + removed.length === 0) {
    return summary(false, previous.chunks.length, 0, false);
  }

  // Keep what is unchanged; chunk what is new.
  const kept = new Map<string, { chunk: Chunk; vector: number[] }[]>();
  if (previous) {
    const unchanged = new Set(files.filter((f) => before[f.source]?.hash === f.hash).map((f) => f.source));
    for (const chunk of previous.chunks) {
      if (!unchanged.has(chunk.source)) continue;
      const list = kept.get(chunk.source) ?? [];
      list.push({ chunk, vector: previous.vectors.index.getPoint(chunk.id) });
      kept.set(chunk.source, list);
    }
  }
  const fresh = new Map<string, Omit<Chunk, 'id'>[]>();
  for (const file of files) if (!kept.has(file.source)) fresh.set(file.source, await chunkDocument(file.source, file.text, chunking));

  const freshCount = [...fresh.values()].reduce((n, list) => n + list.length, 0);
  const keptCount = [...kept.values()].reduce((n, list) => n + list.length, 0);
  const refit = !previous || freshCount > REFIT_SHARE * (freshCount + keptCount);

  // Number chunks in file order so ids are stable for an unchanged corpus.
  const chunks: Chunk[] = [];
  const vectors: (number[] | undefined)[] = [];
  for (const file of files) {
    const reuse = refit ? undefined : kept.get(file.source);
    const list = reuse ? reuse.map((r) => r.chunk) : (fresh.get(file.source) ?? kept.get(file.source)!.map((r) => r.chunk));
    list.forEach((chunk, i) => {
      chunks.push({ ...chunk, id: chunks.length });
      vectors.push(reuse?.[i]?.vector);
    });
  }

  const embedder: FittedEmbedder = refit ? await options.provider.fit(chunks.map((c) => c.text)) : previous!.embedder;
  const embedded = await embedMissing(embedder, chunks, vectors, options.onProgress);

  const manifest: Manifest = {
    format: INDEX_FORMAT,
    createdAt: new Date().toISOString(),
    embedder: options.provider.spec,
    chunking,
    files: Object.fromEntries(files.map((f) => [f.source, { hash: f.hash, chunks: chunks.filter((c) => c.source === f.source).length }])),
    counts: { files: files.length, chunks: chunks.length, dimensions: embedded.dimensions },
  };
  const data = { manifest, chunks, embedder, lexical: Bm25Index.build(chunks), vectors: await buildVectorStore(embedder, chunks, embedded.vectors) };
  await options.beforeSave?.();
  await store.save(data);
  return summary(true, chunks.length, embedded.count, refit);
}

/** The live index, if it was built with the same embedder and chunking and can be read. */
async function reusable(store: IndexStore, provider: EmbedderProvider, chunking: ChunkingSettings): Promise<LoadedIndex | undefined> {
  const manifest = await store.manifest().catch(() => undefined);
  if (!manifest || !sameSpec(manifest.embedder, provider.spec)) return undefined;
  if (manifest.chunking.chunkSize !== chunking.chunkSize || manifest.chunking.chunkOverlap !== chunking.chunkOverlap) return undefined;
  return store.load(provider).catch(() => undefined);
}

async function embedMissing(
  embedder: FittedEmbedder,
  chunks: Chunk[],
  vectors: (number[] | undefined)[],
  onProgress?: (event: ProgressEvent) => void,
): Promise<{ vectors: number[][]; count: number; dimensions: number }> {
  const missing = chunks.map((_, i) => i).filter((i) => !vectors[i]);
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    const out = await embedder.embeddings.embedDocuments(batch.map((i) => chunks[i]!.text));
    batch.forEach((i, j) => (vectors[i] = out[j]));
    onProgress?.({ phase: 'embed', done: Math.min(start + EMBED_BATCH, missing.length), total: missing.length });
  }
  const all = vectors as number[][];
  return { vectors: all, count: missing.length, dimensions: all[0]?.length ?? 0 };
}
