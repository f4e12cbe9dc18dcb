/**
 * What each label of a loaded generation's graph holds, known without asking its docstore label by
 * label. Finding the label of every text of a 100k-chunk graph through docstore.search made a
 * Document for each (about 0.2 s of a one-file re-index). Only chunkDocstore's are registered: a
 * loaded generation's, and the one an ingest's update in place makes afresh over its new chunks
 * (core/index/vectors.ts). Both are read-only, so what is recorded here cannot go stale.
 */
import { Document } from '@langchain/core/documents';
import type { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
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

/** The table a registered docstore reads from; undefined for another docstore. */
export function registeredLabels(docstore: object): ChunkLabels | undefined {
  return tables.get(docstore);
}

/**
 * A read-only docstore over the chunks: label → chunk id → a Document like the one ingest stored
 * ({ id, source } metadata). `_docs`, which HNSWLib.save reads, is made whole only when asked for.
 */
export function chunkDocstore(labels: Int32Array, chunks: Chunk[]): SynchronousInMemoryDocstore {
  const documentAt = (label: number): Document | undefined => {
    const chunk = chunks[labels[label] ?? -1];
    return chunk && new Document({ pageContent: chunk.text, metadata: { id: chunk.id, source: chunk.source } });
  };
  const store = {
    search(id: string): Document {
      const doc = documentAt(Number(id));
      if (!doc) throw new Error(`ID ${id} not found.`);
      return doc;
    },
    add(): void {
      throw new Error('a loaded index generation is read-only');
    },
    get _docs(): Map<string, Document> {
      const out = new Map<string, Document>();
      labels.forEach((_, label) => {
        const doc = documentAt(label);
        if (doc) out.set(String(label), doc);
      });
      return out;
    },
  };
  registerLabels(store, { labels, chunks });
  return store as unknown as SynchronousInMemoryDocstore;
}
