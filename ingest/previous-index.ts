/** What a run takes over from the previous generation: whether it can be reused at all, and its chunks for unchanged or moved files. */
import { sameSpec, type EmbedderProvider } from '../core/embed/embedder.js';
import type { IndexStore, LoadedIndex } from '../core/index/store.js';
import path from 'node:path';
import type { Chunk } from '../core/types.js';
import { expand, type Placed } from './dedupe.js';
import { takeGeneration } from './kept-generation.js';
import type { ChunkingSettings } from './split.js';
import type { Failures, ReadFile, Skipped } from './read-files.js';

/** Bump when extraction, chunking or tokenisation rules change, so older indexes are rebuilt rather than reused. */
export const EXTRACTION_VERSION = 10;

export function sameEntries(a: Failures, b: Failures): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => b[k]?.hash === a[k]!.hash && b[k]!.limits === a[k]!.limits)
  );
}

export function sameReasons(a: Skipped, b: Skipped): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k]?.reason === a[k]!.reason);
}

/**
 * The previous generation's chunks for the files that reuse them (duplicates included), each
 * placed in the file that takes it over: under its own path, or a moved file's new one.
 */
export function keptPlaces(previous: { chunks: Chunk[] }, files: ReadFile[]): Map<string, Placed[]> {
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
export async function reusable(
  store: IndexStore,
  provider: EmbedderProvider,
  chunking: ChunkingSettings,
): Promise<LoadedIndex | undefined> {
  // The generation this thread wrote last, when it is still the live one (kept-generation.ts).
  const kept = takeGeneration(path.resolve(store.dir), await store.current().catch(() => undefined));
  const manifest = kept?.manifest ?? (await store.manifest().catch(() => undefined));
  if (!manifest || !sameSpec(manifest.embedder, provider.spec) || manifest.extraction !== EXTRACTION_VERSION)
    return undefined;
  if (manifest.chunking.chunkSize !== chunking.chunkSize || manifest.chunking.chunkOverlap !== chunking.chunkOverlap)
    return undefined;
  return kept ?? store.load(provider).catch(() => undefined);
}
