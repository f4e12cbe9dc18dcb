/**
 * A vector graph a quarter the size with the same answers: hnswlib holds each vector folded to a
 * quarter of its dimensions (coordinate j is the sum of j, j + d/4, j + d/2, j + 3d/4: for hashed
 * features, the same features hashed into fewer buckets) to find candidates, and every full vector
 * is kept as int8 (one byte a dimension and a scale) to rank them by their true cosine. To its
 * callers it is a HierarchicalNSW of the full dimension: points go in and come out (getPoint) full,
 * searches take a full query and return cosine distances of full vectors.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { HierarchicalNSW, SearchResult } from 'hnswlib-node';

export const FOLD = 4;
/** Points imported between yields to the event loop (importPoints). */
const IMPORT_BATCH = 16;
const MAGIC = 0x38494b51; // "QKI8"
/**
 * Candidates the folded graph proposes per neighbour asked for (at least 50 more). SQuAD choose
 * split, whole answers: 2 (100 for 50) F1 0.4275, 4 F1 0.4287, 8 F1 0.4299 as the full graph.
 */
const CANDIDATES = 8;

export type Graph = Pick<
  HierarchicalNSW,
  | 'getCurrentCount'
  | 'getMaxElements'
  | 'resizeIndex'
  | 'markDelete'
  | 'getIdsList'
  | 'setEf'
  | 'getNumDimensions'
  | 'getPoint'
  | 'addPoint'
  | 'searchKnn'
  | 'writeIndex'
  | 'readIndex'
>;

function fold(v: ArrayLike<number>, dims: number): number[] {
  const part = dims / FOLD;
  const out = new Array<number>(part).fill(0);
  for (let i = 0; i < dims; i++) out[i % part]! += v[i]!;
  return out;
}

/** Room for points beyond `n` in the int8 arrays (a sixty-fourth more, at least 64), so a few added points do not copy them all. */
const spare = (n: number) => n + Math.max(64, Math.ceil(n / 64));

export class FoldedIndex {
  private codes: Int8Array;
  private scales: Float32Array;
  /** Each point's int8 norm, kept so a search computes only dot products. */
  private norms: Float32Array;

  /** `graph`: a graph of dims / FOLD dimensions, initialised for `capacity` points or to be read. */
  constructor(
    private readonly graph: HierarchicalNSW,
    private readonly dims: number,
    capacity = 1,
  ) {
    this.codes = new Int8Array(Math.max(1, capacity) * dims);
    this.scales = new Float32Array(Math.max(1, capacity));
    this.norms = new Float32Array(Math.max(1, capacity));
  }

  /** Whether vectors of `dims` dimensions are worth folding. */
  static suits(dims: number): boolean {
    return dims >= 512 && dims % FOLD === 0;
  }

  static sidecar(file: string): string {
    return `${file}.i8`;
  }

  getNumDimensions(): number {
    return this.dims;
  }

  getCurrentCount(): number {
    return this.graph.getCurrentCount();
  }

  getMaxElements(): number {
    return this.graph.getMaxElements();
  }

  getIdsList(): number[] {
    return this.graph.getIdsList();
  }

  markDelete(label: number): void {
    this.graph.markDelete(label);
  }

  setEf(ef: number): void {
    this.graph.setEf(ef);
  }

  resizeIndex(max: number): void {
    this.graph.resizeIndex(max);
    this.grow(max);
  }

  private grow(needed: number): void {
    if (needed <= this.scales.length) return;
    // With room to spare: an update of a loaded graph adds a few points, and each growth copies every code (100 MB at 100k points).
    const max = spare(needed);
    const codes = new Int8Array(max * this.dims);
    codes.set(this.codes);
    const scales = new Float32Array(max);
    scales.set(this.scales);
    const norms = new Float32Array(max);
    norms.set(this.norms);
    [this.codes, this.scales, this.norms] = [codes, scales, norms];
  }

  /** A full vector: an array of numbers, or a typed array's view (an ingest's rows, not copied into an array). */
  addPoint(point: ArrayLike<number>, label: number): void {
    this.grow(label + 1);
    let max = 0;
    for (let i = 0; i < point.length; i++) max = Math.max(max, Math.abs(point[i]!));
    const scale = max > 0 ? max / 127 : 1;
    const at = label * this.dims;
    let own = 0;
    for (let i = 0; i < this.dims; i++) {
      const c = Math.round(point[i]! / scale);
      this.codes[at + i] = c;
      own += c * c;
    }
    this.scales[label] = scale;
    this.norms[label] = Math.sqrt(own);
    this.graph.addPoint(fold(point, this.dims), label);
  }

  getPoint(label: number): number[] {
    const at = label * this.dims;
    const scale = this.scales[label]!;
    return Array.from(this.codes.subarray(at, at + this.dims), (c) => c * scale);
  }

  /** Cosine similarity of a stored point to a query. */
  private similarity(label: number, query: Query): number {
    const own = this.norms[label]!;
    if (!(own > 0 && query.norm > 0)) return 0;
    const at = label * this.dims;
    const codes = this.codes;
    let dot = 0;
    if (query.nonzero) {
      // A hashed question touches about 70 of the 1,024 dimensions: only those add to the dot product.
      const { nonzero, values } = query;
      for (let i = 0; i < nonzero.length; i++) dot += codes[at + nonzero[i]!]! * values[i]!;
    } else {
      // Four running sums: the loop is a search's main cost (400 candidates of 1,024 dimensions).
      let [a, b, c, d] = [0, 0, 0, 0];
      const { values } = query;
      const end = at + this.dims;
      for (let i = at, j = 0; i < end; i += 4, j += 4) {
        a += codes[i]! * values[j]!;
        b += codes[i + 1]! * values[j + 1]!;
        c += codes[i + 2]! * values[j + 2]!;
        d += codes[i + 3]! * values[j + 3]!;
      }
      dot = a + b + c + d;
    }
    return dot / (own * query.norm);
  }

  searchKnn(query: number[], k: number, filter?: (label: number) => boolean): SearchResult {
    const wanted = Math.min(this.graph.getCurrentCount(), Math.max(k * CANDIDATES, k + 50));
    const candidates = this.graph.searchKnn(fold(query, this.dims), wanted, filter).neighbors;
    const q = asQuery(query);
    const scored = candidates.map((label) => ({ label, sim: this.similarity(label, q) }));
    scored.sort((a, b) => b.sim - a.sim || a.label - b.label);
    const best = scored.slice(0, k);
    return { neighbors: best.map((s) => s.label), distances: best.map((s) => 1 - s.sim) };
  }

  /** The folded graph (hnswlib's file) and beside it the int8 vectors: header, scales, norms, codes. */
  async writeIndex(file: string): Promise<boolean> {
    const count = this.graph.getCurrentCount();
    const header = Buffer.alloc(12);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(this.dims, 4);
    header.writeUInt32LE(count, 8);
    const scales = Buffer.from(this.scales.buffer, 0, count * 4);
    const norms = Buffer.from(this.norms.buffer, 0, count * 4);
    const codes = Buffer.from(this.codes.buffer, 0, count * this.dims);
    // Part by part, not concatenated: a copy of every code (100 MB at 100k points) is not needed to write them.
    const out = await open(FoldedIndex.sidecar(file), 'w');
    try {
      for (const part of [header, scales, norms, codes]) await out.writeFile(part);
    } finally {
      await out.close();
    }
    return this.graph.writeIndex(file);
  }

  /**
   * The int8 file is read straight into arrays sized for the graph (with room to spare), on libuv's
   * threads: neither a copy of its 100 MB (at 100k points) beside the arrays nor a copy on the
   * caller's event loop, which a server reloading a generation needs free.
   */
  async readIndex(file: string): Promise<boolean> {
    const read = this.graph.readIndex(file);
    read.catch(() => {});
    const sidecar = await open(FoldedIndex.sidecar(file), 'r');
    let count: number;
    try {
      const header = Buffer.alloc(12);
      await readFully(sidecar, header, 0);
      count = header.readUInt32LE(8);
      if (header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(4) !== this.dims)
        throw new Error('the int8 vectors do not match the graph');
      if ((await sidecar.stat()).size !== 12 + count * 8 + count * this.dims)
        throw new Error('the int8 vectors are cut short');
      const capacity = spare(Math.max(1, count));
      const [scales, norms] = [new Float32Array(capacity), new Float32Array(capacity)];
      const codes = new Int8Array(capacity * this.dims);
      await readFully(sidecar, new Uint8Array(scales.buffer, 0, count * 4), 12);
      await readFully(sidecar, new Uint8Array(norms.buffer, 0, count * 4), 12 + count * 4);
      await readFully(sidecar, new Uint8Array(codes.buffer, 0, count * this.dims), 12 + count * 8);
      [this.scales, this.norms, this.codes] = [scales, norms, codes];
    } finally {
      await sidecar.close();
    }
    const done = await read;
    if (count !== this.graph.getCurrentCount())
      throw new Error(`the int8 vectors hold ${count} points, the graph ${this.graph.getCurrentCount()}`);
    this.grow(this.graph.getMaxElements());
    return done;
  }

  /** Bytes a point takes in exportPoints: its folded vector as the graph holds it (float32), scale, norm, codes. */
  pointBytes(): number {
    return (this.dims / FOLD) * 4 + 8 + this.dims;
  }

  /**
   * Points `from` … count-1 as bytes, for a save that keeps an earlier file of the first `from` points
   * (core/index/vector-files.ts): each one's folded vector (as the graph holds it), scale, norm and codes.
   */
  exportPoints(from: number, isDeleted: (label: number) => boolean): Buffer {
    const count = this.graph.getCurrentCount();
    const size = this.pointBytes();
    const out = Buffer.alloc(Math.max(0, count - from) * size);
    for (let label = from, at = 0; label < count; label++, at += size) {
      // hnswlib gives no deleted point's vector: undeleted for the read, deleted again.
      const deleted = isDeleted(label);
      if (deleted) this.graph.unmarkDelete(label);
      const folded = Float32Array.from(this.graph.getPoint(label));
      if (deleted) this.graph.markDelete(label);
      out.set(new Uint8Array(folded.buffer), at);
      out.writeFloatLE(this.scales[label]!, at + folded.byteLength);
      out.writeFloatLE(this.norms[label]!, at + folded.byteLength + 4);
      const codes = this.codes.subarray(label * this.dims, (label + 1) * this.dims);
      out.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength), at + folded.byteLength + 8);
    }
    return out;
  }

  /**
   * Add points written by exportPoints after the graph's own, in the same labels. Yields to the
   * event loop every few points: inserting one costs a millisecond or more at 100k points, and a
   * server loading a generation with a few hundred added keeps answering meanwhile.
   */
  async importPoints(bytes: Buffer): Promise<void> {
    const size = this.pointBytes();
    const from = this.graph.getCurrentCount();
    const count = bytes.length / size;
    if (!Number.isInteger(count)) throw new Error('the added points are cut short');
    if (this.graph.getMaxElements() < from + count) this.graph.resizeIndex(from + count);
    this.grow(from + count);
    const part = this.dims / FOLD;
    for (let j = 0; j < count; j++) {
      const at = j * size;
      const label = from + j;
      const folded = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + part * 4));
      this.scales[label] = bytes.readFloatLE(at + part * 4);
      this.norms[label] = bytes.readFloatLE(at + part * 4 + 4);
      this.codes.set(new Int8Array(bytes.buffer, bytes.byteOffset + at + part * 4 + 8, this.dims), label * this.dims);
      this.graph.addPoint(Array.from(folded), label);
      if ((j + 1) % IMPORT_BATCH === 0) await yieldToLoop();
    }
  }

  /** LangChain's HNSWLib.save writes its constructor arguments, this index among them, as JSON. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** Fill `into` from the file at `position` (a read may return fewer bytes than asked). */
async function readFully(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < into.length;) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new Error('the int8 vectors are cut short');
    done += bytesRead;
  }
}

/** A query as the ranking reads it: its norm, and its nonzero dimensions alone when they are few. */
interface Query {
  norm: number;
  /** The nonzero dimensions, when fewer than half are: `values` then holds theirs, in the same order. */
  nonzero?: Int32Array;
  values: Float32Array;
}

function asQuery(query: number[]): Query {
  let norm = 0;
  let count = 0;
  for (const x of query) {
    norm += x * x;
    if (x !== 0) count++;
  }
  norm = Math.sqrt(norm);
  if (count * 2 >= query.length) return { norm, values: Float32Array.from(query) };
  const nonzero = new Int32Array(count);
  const values = new Float32Array(count);
  for (let i = 0, n = 0; i < query.length; i++)
    if (query[i] !== 0) {
      nonzero[n] = i;
      values[n++] = query[i]!;
    }
  return { norm, nonzero, values };
}
