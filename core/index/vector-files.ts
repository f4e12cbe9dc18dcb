/**
 * The vector graph on disk (index format 2): hnswlib's own binary file, its space and dimensions,
 * and labels.bin, the chunk id of every label (int32, -1 for a point marked deleted). LangChain's
 * HNSWLib.save also writes docstore.json, a JSON copy of every chunk text; the chunks are already in
 * the generation, so it is left out and the documents a search returns are made from them on demand.
 * A generation saved after a small update of the previous one's graph hard-links that one's graph
 * files (hnswlib.index and its .i8) and writes added.bin beside them: the points added since those
 * files were written and the labels deleted since; a load reads the files, then applies it.
 */
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Chunk } from '../types.js';
import { FOLD, FoldedIndex } from './folded.js';
import { labelledDocuments } from './vectors.js';
import { faultPoint } from './fault.js';
import { chunkDocstore, registeredLabels } from './label-table.js';

const GRAPH = 'hnswlib.index';
const ARGS = 'args.json';
const LABELS = 'labels.bin';
const DOCSTORE = 'docstore.json';
/** Points added and labels deleted since the graph file beside it was written (a save that kept that file). */
const ADDED = 'added.bin';
const ADDED_MAGIC = 0x31444441; // "ADD1"

/**
 * A graph read from a generation's files, as it was in them: the folder, how many points the graph
 * file holds, and the labels deleted in it. Updated in place by an ingest, it is saved by linking
 * those files into the new generation and writing only what changed since (ADDED).
 */
interface GraphFiles {
  dir: string;
  count: number;
  deleted: Set<number>;
}
const readFrom = new WeakMap<object, GraphFiles>();
/** What a save wrote for a graph, relative to its graph file (the folder is named once it is in place: savedIn). */
const written = new WeakMap<object, Omit<GraphFiles, 'dir'>>();

/**
 * At most this many points added since the graph file was written are kept beside it; past that, the
 * graph is written whole. A load inserts them again (about a millisecond each at 100k points).
 */
export function maxAddedPoints(count: number): number {
  return Math.max(128, Math.floor(count * 0.002));
}

interface VectorArgs {
  space: 'cosine' | 'l2' | 'ip';
  numDimensions: number;
}

/** `table` as exactly `count` labels: points past its end are deleted ones. */
function tableOf(table: Int32Array, count: number): Int32Array {
  const labels = new Int32Array(count).fill(-1);
  labels.set(table.subarray(0, count));
  return labels;
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
  // A generation's label table when the store has one (loaded, or updated by an ingest), else its docstore's.
  const table = registeredLabels(store.docstore)?.labels;
  const labels = table ? tableOf(table, count) : labelsOf(labelledDocuments(store), count);
  if (await keepGraphFiles(index, dir, labels)) written.set(index, { ...readFrom.get(index)! });
  else {
    await index.writeIndex(path.join(dir, GRAPH));
    const deleted = new Set<number>();
    labels.forEach((id, label) => id < 0 && deleted.add(label));
    written.set(index, { count, deleted });
  }
  await writeFile(path.join(dir, ARGS), JSON.stringify(args));
  await writeFile(path.join(dir, LABELS), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
}

/**
 * A graph read from a generation's files and changed a little since (an ingest's update in place):
 * those files, never written again once their generation is, are hard-linked into `dir`, and the
 * points added and labels deleted since go beside them in ADDED. False when the graph must be
 * written whole: not read from files, not folded, too many points added, or no hard link here.
 */
async function keepGraphFiles(index: object, dir: string, labels: Int32Array): Promise<boolean> {
  const files = readFrom.get(index);
  if (!files || !(index instanceof FoldedIndex)) return false;
  const count = index.getCurrentCount();
  if (count < files.count || count - files.count > maxAddedPoints(files.count)) return false;
  const deleted: number[] = [];
  labels.forEach((id, label) => {
    if (id < 0 && !files.deleted.has(label)) deleted.push(label);
  });
  try {
    // Fresh names in a fresh folder: nothing is ever written through these links.
    await link(path.join(files.dir, GRAPH), path.join(dir, GRAPH));
    await link(FoldedIndex.sidecar(path.join(files.dir, GRAPH)), FoldedIndex.sidecar(path.join(dir, GRAPH)));
  } catch {
    await rm(path.join(dir, GRAPH), { force: true });
    return false;
  }
  faultPoint('save:vectors:linked');
  const header = Buffer.alloc(16);
  header.writeUInt32LE(ADDED_MAGIC, 0);
  header.writeUInt32LE(files.count, 4);
  header.writeUInt32LE(count - files.count, 8);
  header.writeUInt32LE(deleted.length, 12);
  const points = index.exportPoints(files.count, (label) => (labels[label] ?? -1) < 0);
  await writeFile(
    path.join(dir, ADDED),
    Buffer.concat([header, Buffer.from(Uint32Array.from(deleted).buffer), points]),
  );
  return true;
}

/**
 * After a save of `store` by saveVectors, its graph files are those in `dir` (the saved folder where it
 * now stands): the next save of the same graph, kept in memory and updated again, links them as it
 * would had the graph been loaded from there (ingest/kept-generation.ts). No-op for a graph that
 * saveVectors did not write.
 */
export function savedIn(store: HNSWLib, dir: string): void {
  const files = written.get(store.index);
  written.delete(store.index);
  if (files) readFrom.set(store.index, { dir, count: files.count, deleted: new Set(files.deleted) });
}

/** Apply a folder's ADDED file to the graph read from its graph file; returns the labels it deletes. */
async function applyAdded(index: FoldedIndex, bytes: Buffer): Promise<Set<number>> {
  const [magic, count, added, deletions] = [0, 4, 8, 12].map((at) => bytes.readUInt32LE(at));
  if (magic !== ADDED_MAGIC || count !== index.getCurrentCount())
    throw new Error(`${ADDED} follows a graph of ${count} points, the graph file holds ${index.getCurrentCount()}`);
  const deleted = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + 16, bytes.byteOffset + 16 + deletions! * 4));
  const points = bytes.subarray(16 + deletions! * 4);
  if (points.length !== added! * index.pointBytes()) throw new Error(`${ADDED} is cut short`);
  await index.importPoints(points);
  for (const label of deleted) index.markDelete(label);
  return new Set(deleted);
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
  const [bytes, added] = await Promise.all([
    readFile(path.join(dir, LABELS)),
    readFile(path.join(dir, ADDED)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    }),
    read,
  ]);
  const labels = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const fileCount = index.getCurrentCount();
  if (added && !(index instanceof FoldedIndex)) throw new Error(`${ADDED} beside a graph that is not folded`);
  const deletedSince = added ? await applyAdded(index as unknown as FoldedIndex, added) : new Set<number>();
  // Labels deleted in the graph file itself: every -1 but those ADDED deletes, and any the table leaves out.
  const deleted = new Set<number>();
  labels.forEach((id, label) => {
    if (id < 0 && !deletedSince.has(label) && label < fileCount) deleted.add(label);
  });
  for (let label = labels.length; label < fileCount; label++) deleted.add(label);
  readFrom.set(index, { dir, count: fileCount, deleted });
  // A graph's labels run 0 … count-1 (ingest labels points in insertion order); a save from an ingest thread may list fewer (trailing deleted points).
  if (labels.length > index.getCurrentCount())
    throw new Error(`labels.bin names ${labels.length} points, the graph holds ${index.getCurrentCount()}`);
  const store = new HNSWLib(embeddings as HNSWLib['embeddings'], { ...args, index });
  store.docstore = chunkDocstore(labels, await chunks);
  return store;
}
