/**
 * What each label of a loaded generation's graph holds, known without asking its docstore label by
 * label. Finding the label of every text of a 100k-chunk graph through docstore.search made a
 * Document for each (about 0.2 s of a one-file re-index). Only a loaded generation's docstore is
 * registered: it is read-only (core/index/vector-files.ts), so what is recorded here cannot go stale.
 */
import type { Chunk } from '../types.js';

/** A generation's label table (labels.bin: the chunk id of each label, -1 for deleted) over its chunks. */
export interface ChunkLabels {
  labels: Int32Array;
  chunks: Chunk[];
}

const tables = new WeakMap<object, ChunkLabels>();

/** Record what a read-only `docstore` holds. */
export function registerLabels(docstore: object, held: ChunkLabels): void {
  tables.set(docstore, held);
}

/** Each live label and its text, ascending by label, when `docstore` was registered; undefined otherwise. */
export function registeredTexts(docstore: object): [number, string][] | undefined {
  const held = tables.get(docstore);
  if (!held) return undefined;
  const out: [number, string][] = [];
  held.labels.forEach((id, label) => {
    const chunk = id >= 0 ? held.chunks[id] : undefined;
    if (chunk) out.push([label, chunk.text]);
  });
  return out;
}
