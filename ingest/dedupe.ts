import type { Chunk, ChunkLocation } from '../core/types.js';

/** A file's chunk as it sits in that file. */
export interface Placed {
  chunk: Omit<Chunk, 'id' | 'alsoIn'>;
}

/**
 * Index each distinct chunk text once. Files are taken in order; the first place a text is seen
 * is its primary, later places become `alsoIn` locations with their own offsets, so
 * `text === file.slice(startOffset, endOffset)` holds for every place listed.
 */
export function dedupe(perFile: Placed[][]): Chunk[] {
  const chunks: Chunk[] = [];
  const byText = new Map<string, number>();
  for (const list of perFile) {
    for (const { chunk } of list) {
      const seen = byText.get(chunk.text);
      if (seen === undefined) {
        byText.set(chunk.text, chunks.length);
        chunks.push({ ...chunk, id: chunks.length });
        continue;
      }
      const primary = chunks[seen]!;
      (primary.alsoIn ??= []).push(locationOf(chunk));
    }
  }
  return chunks;
}

/** Every place a stored chunk stands for, each as its own file's chunk (the inverse of `dedupe`). */
export function expand(chunk: Chunk): Omit<Chunk, 'id' | 'alsoIn'>[] {
  const { id: _id, alsoIn, ...primary } = chunk;
  return [primary, ...(alsoIn ?? []).map((l) => ({ ...l, text: chunk.text }))];
}

export function locationOf(c: ChunkLocation): ChunkLocation {
  const { source, startLine, endLine, startOffset, endOffset, page, section } = c;
  return {
    source,
    startLine,
    endLine,
    startOffset,
    endOffset,
    ...(page !== undefined && { page }),
    ...(section !== undefined && { section }),
  };
}

/** How many places each file has in the index (primaries and duplicates alike). */
export function placesPerFile(chunks: Chunk[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of chunks) for (const p of expand(c)) out.set(p.source, (out.get(p.source) ?? 0) + 1);
  return out;
}
