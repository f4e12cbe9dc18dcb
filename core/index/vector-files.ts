/**
 * The vector graph on disk (index format 2): hnswlib's own binary file, its space and dimensions,
 * and labels.bin, the chunk id of every label (int32, -1 for a point marked deleted). LangChain's
 * HNSWLib.save also writes docstore.json, a JSON copy of every chunk text; the chunks are already in
 * the generation, so it is left out and the documents a search returns are made from them on demand.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import type { Chunk } from '../types.js';
import { FOLD, FoldedIndex } from './folded.js';
import { labelledDocuments } from './vectors.js';

const GRAPH = 'hnswlib.index';
const ARGS = 'args.json';
const LABELS = 'labels.bin';
const DOCSTORE = 'docstore.json';

interface VectorArgs {
  space: 'cosine' | 'l2' | 'ip';
  numDimensions: number;
}

/**
 * A read-only docstore over the chunks: label → chunk id → a Document like the one ingest stored
 * ({ id, source } metadata). `_docs`, which HNSWLib.save reads, is made whole only when asked for.
 */
function chunkDocstore(labels: Int32Array, chunks: Chunk[]): SynchronousInMemoryDocstore {
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
  return store as unknown as SynchronousInMemoryDocstore;
}

function labelsOf(docs: Map<number, { metadata: Record<string, unknown> }>, count: number): Int32Array {
  const labels = new Int32Array(count).fill(-1);
  for (const [label, doc] of docs) labels[label] = Number(doc.metadata.id);
  return labels;
}

/**
 * Write `store` into `dir`. A store built elsewhere (a graph handle from an ingest thread, whose
 * save writes LangChain's files) is saved its own way, and its docstore.json turned into labels.bin.
 */
export async function saveVectors(store: HNSWLib, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const index = store.index as Partial<HNSWLib['index']>;
  if (typeof index.writeIndex !== 'function' || typeof index.getCurrentCount !== 'function') {
    await store.save(dir);
    return compactSaved(dir);
  }
  const count = index.getCurrentCount();
  const args: VectorArgs = { space: store.args.space, numDimensions: index.getNumDimensions!() };
  await index.writeIndex(path.join(dir, GRAPH));
  await writeFile(path.join(dir, ARGS), JSON.stringify(args));
  const labels = labelsOf(labelledDocuments(store), count);
  await writeFile(path.join(dir, LABELS), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
}

/** Replace a LangChain save's docstore.json with labels.bin (only a folder saved by saveVectors is ever loaded). */
async function compactSaved(dir: string): Promise<void> {
  if (!existsSync(path.join(dir, DOCSTORE))) return;
  const entries = JSON.parse(await readFile(path.join(dir, DOCSTORE), 'utf8')) as [
    string,
    { metadata: Record<string, unknown> },
  ][];
  const docs = new Map(entries.map(([label, doc]) => [Number(label), doc]));
  const count = Math.max(-1, ...docs.keys()) + 1;
  const labels = labelsOf(docs, count);
  await writeFile(path.join(dir, LABELS), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
  await rm(path.join(dir, DOCSTORE));
}

/**
 * Read a graph saved by saveVectors; its searches return documents made from `chunks`. hnswlib
 * reads its file on a libuv thread, so the chunks may still be decoding here meanwhile.
 */
export async function loadVectors(
  dir: string,
  embeddings: EmbeddingsInterface,
  chunks: Chunk[] | Promise<Chunk[]>,
): Promise<HNSWLib> {
  const args = JSON.parse(await readFile(path.join(dir, ARGS), 'utf8')) as VectorArgs;
  const { HierarchicalNSW } = await HNSWLib.imports();
  const folded = existsSync(FoldedIndex.sidecar(path.join(dir, GRAPH)));
  const graph = new HierarchicalNSW(args.space, folded ? args.numDimensions / FOLD : args.numDimensions);
  const index = folded ? (new FoldedIndex(graph, args.numDimensions) as unknown as typeof graph) : graph;
  const read = index.readIndex(path.join(dir, GRAPH));
  read.catch(() => {});
  const [bytes] = await Promise.all([readFile(path.join(dir, LABELS)), read]);
  const labels = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  // A graph's labels run 0 … count-1 (ingest labels points in insertion order); a save from an ingest thread may list fewer (trailing deleted points).
  if (labels.length > index.getCurrentCount())
    throw new Error(`labels.bin names ${labels.length} points, the graph holds ${index.getCurrentCount()}`);
  const store = new HNSWLib(embeddings as HNSWLib['embeddings'], { ...args, index });
  store.docstore = chunkDocstore(labels, await chunks);
  return store;
}
