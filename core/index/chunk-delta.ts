/**
 * A generation's chunks as an earlier generation's chunks.bin plus what changed since (index format
 * 3, like the vector graph's added.bin: core/index/vector-files.ts). A one-file change to a 100k-chunk
 * index used to write and fsync all of chunks.bin again (56 MB, 0.3-0.4 s) because every chunk id
 * after the changed file shifts. Now a save of chunks spliced from a list read from (or saved to) a
 * generation hard-links that list's base file into the new generation and writes ADDED beside it:
 * the new list as runs of the base file's chunks and of chunks of its own (a small chunks file of
 * the same format). Ids are positions in the new list, so none is stored. Past MAX_OWN_SHARE of the
 * base the file is written whole again, as it is after a full build, for a list with no base, or
 * where the file system refuses a hard link. A generation's files are never written again once it
 * exists, so a link is never written through; pruning a generation removes its names only.
 */
import { link, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '../types.js';
import { decodeChunks, encodeChunks } from './chunk-codec.js';
import { readChunks } from './chunk-file.js';
import { readChunksLazily } from './lazy-chunks.js';
import { writeSynced } from './durable.js';
import { faultPoint } from './fault.js';

const CHUNKS = 'chunks.bin';
const ADDED = 'chunks-added.bin';
const MAGIC = 0x4c505343; // "CSPL"
/** Chunks of its own a spliced list may carry beside its base file, as a share of the base (at least MIN_OWN). */
const MAX_OWN_SHARE = 0.01;
const MIN_OWN = 256;

/** The base file a chunk list was read from or saved to, and where each of its chunks is in that file (-1: its own). */
interface Based {
  file: string;
  count: number;
  at: Int32Array;
}
const bases = new WeakMap<Chunk[], Based>();
/** Saved, not yet in place (chunksSavedIn names the folder once it is). */
const pending = new WeakMap<Chunk[], Omit<Based, 'file'>>();

export interface Spliced {
  /** The list these chunks were spliced from. */
  chunks: Chunk[];
  /** By chunk: the index in `chunks` holding its text, or -1 (ingest/splice.ts). */
  from: Int32Array;
}

/** Runs of consecutive base chunks (kind 0) and of the list's own chunks (kind 1), as [kind, start, end] triples. */
function runsOf(at: Int32Array): Int32Array {
  const runs: number[] = [];
  let own = 0;
  for (let i = 0; i < at.length;) {
    let j = i + 1;
    if (at[i]! >= 0) {
      while (j < at.length && at[j] === at[j - 1]! + 1) j++;
      runs.push(0, at[i]!, at[j - 1]! + 1);
    } else {
      while (j < at.length && at[j]! < 0) j++;
      runs.push(1, own, own + j - i);
      own += j - i;
    }
    i = j;
  }
  return Int32Array.from(runs);
}

/**
 * Write `chunks` into the generation folder `dir` (not yet in place): linked and spliced when they
 * were spliced from a list with a base file and few are their own, whole otherwise.
 */
export async function saveChunks(chunks: Chunk[], dir: string, spliced?: Spliced): Promise<void> {
  const base = spliced && bases.get(spliced.chunks);
  const at = base && Int32Array.from(spliced.from, (j) => (j >= 0 ? base.at[j]! : -1));
  const own = at ? chunks.filter((_, i) => at[i]! < 0) : [];
  if (base && at && own.length <= Math.max(MIN_OWN, base.count * MAX_OWN_SHARE)) {
    try {
      await link(base.file, path.join(dir, CHUNKS));
      faultPoint('save:chunks:linked');
      const runs = runsOf(at);
      const header = Buffer.alloc(12);
      header.writeUInt32LE(MAGIC, 0);
      header.writeUInt32LE(base.count, 4);
      header.writeUInt32LE(runs.length / 3, 8);
      const body = Buffer.concat([header, Buffer.from(runs.buffer), encodeChunks(own)]);
      await writeSynced(path.join(dir, ADDED), body, 'save:chunks');
      pending.set(chunks, { count: base.count, at });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).syscall !== 'link') throw err;
      await rm(path.join(dir, CHUNKS), { force: true });
    }
  }
  await writeSynced(path.join(dir, CHUNKS), encodeChunks(chunks, spliced), 'save:chunks');
  pending.set(chunks, { count: chunks.length, at: Int32Array.from(chunks, (_, i) => i) });
}

/** After saveChunks, the generation folder stands at `dir`: its chunks.bin is the base a next splice links. */
export function chunksSavedIn(chunks: Chunk[], dir: string): void {
  const saved = pending.get(chunks);
  pending.delete(chunks);
  if (saved) bases.set(chunks, { file: path.join(dir, CHUNKS), count: saved.count, at: saved.at });
}

/**
 * A generation folder's chunks: its chunks.bin, spliced by ADDED when there is one. `lazyTexts`: the
 * base's texts left in the file's bytes (lazy-chunks.ts), what a server wants; ADDED's own few are decoded.
 */
export async function loadChunks(dir: string, lazyTexts = false): Promise<Chunk[]> {
  const file = path.join(dir, CHUNKS);
  const [base, added] = await Promise.all([
    (lazyTexts ? readChunksLazily : readChunks)(file),
    readFile(path.join(dir, ADDED)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    }),
  ]);
  if (!added) {
    bases.set(base, { file, count: base.length, at: Int32Array.from(base, (_, i) => i) });
    return base;
  }
  if (added.length < 12 || added.readUInt32LE(0) !== MAGIC) throw new Error(`${ADDED} is not a chunk splice`);
  if (added.readUInt32LE(4) !== base.length)
    throw new Error(`${ADDED} follows ${added.readUInt32LE(4)} chunks, ${CHUNKS} holds ${base.length}`);
  const runCount = added.readUInt32LE(8);
  const runs = new Int32Array(added.buffer.slice(added.byteOffset + 12, added.byteOffset + 12 + runCount * 12));
  const own = decodeChunks(added.subarray(12 + runCount * 12));
  const chunks: Chunk[] = [];
  const at: number[] = [];
  for (let r = 0; r < runs.length; r += 3) {
    const [kind, start, end] = [runs[r]!, runs[r + 1]!, runs[r + 2]!];
    const from = kind === 0 ? base : own;
    if (start < 0 || end > from.length || start > end) throw new Error(`${ADDED} names chunks its files lack`);
    for (let i = start; i < end; i++) {
      // Decoded here, held by nothing else: the id (a position) is set in place.
      const chunk = from[i]!;
      chunk.id = chunks.length;
      chunks.push(chunk);
      at.push(kind === 0 ? i : -1);
    }
  }
  bases.set(chunks, { file, count: base.length, at: Int32Array.from(at) });
  return chunks;
}
