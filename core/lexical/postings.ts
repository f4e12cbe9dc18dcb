/**
 * The inverted index's layout: one dictionary of terms and flat typed arrays, so a 100k-chunk index
 * is a handful of allocations instead of a JavaScript array per term, and loads from disk as views
 * over one buffer (no JSON to parse). Term t's postings are docs[offsets[t] .. offsets[t+1]) with
 * their term frequencies in tfs, doc indexes ascending.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export interface Postings {
  /** Term → index into offsets. */
  terms: Map<string, number>;
  /** Chunk id of each document index. */
  docIds: Int32Array;
  /** Terms per document (after stop words), for length normalisation. */
  lengths: Uint32Array;
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Term frequency, saturated at 65,535 (BM25 saturates long before). */
  tfs: Uint16Array;
}

/** A growable typed array. */
class Grow<T extends Uint32Array | Uint16Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  append(values: Uint32Array | Uint16Array): void {
    if (this.length + values.length > this.data.length) this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  private reserve(more: number): void {
    const bigger = this.make(Math.max(1024, this.data.length * 2, this.length + more));
    bigger.set(this.data);
    this.data = bigger;
  }
}

/**
 * Builds the layout one document at a time (documents in index order): each document's (term, tf)
 * pairs go into flat arrays, and `finish` sorts them by term with one counting pass. Seeded with a
 * previous dictionary, documents kept from that index are added by term number, no strings hashed.
 */
export class PostingsBuilder {
  private readonly dictionary = new Map<string, number>();
  private readonly words: string[];
  private readonly docIds = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly lengths = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly starts = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly termOf = new Grow(new Uint32Array(4096), (n) => new Uint32Array(n));
  private readonly tfOf = new Grow(new Uint16Array(4096), (n) => new Uint16Array(n));

  /** `seed`: a previous index's dictionary; `postings`: about how many (document, term) pairs to expect. */
  constructor(seed: string[] = [], postings = 4096) {
    this.termOf.data = new Uint32Array(postings);
    this.tfOf.data = new Uint16Array(postings);
    this.words = [...seed];
    seed.forEach((w, i) => this.dictionary.set(w, i));
  }

  add(id: number, docTerms: string[]): void {
    const counts = new Map<string, number>();
    for (const t of docTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    this.open(id, docTerms.length);
    for (const [term, tf] of counts) {
      let t = this.dictionary.get(term);
      if (t === undefined) {
        t = this.words.push(term) - 1;
        this.dictionary.set(term, t);
      }
      this.termOf.push(t);
      this.tfOf.push(Math.min(65535, tf));
    }
  }

  /** A document kept from the index whose dictionary seeded this builder: its term numbers and frequencies. */
  addKnown(id: number, length: number, terms: Uint32Array, tfs: Uint16Array): void {
    this.open(id, length);
    this.termOf.append(terms);
    this.tfOf.append(tfs);
  }

  private open(id: number, length: number): void {
    this.docIds.push(id);
    this.lengths.push(length);
    this.starts.push(this.termOf.length);
  }

  finish(): Postings {
    const n = this.docIds.length;
    const total = this.termOf.length;
    const termOf = this.termOf.data;
    const counts = new Uint32Array(this.words.length);
    for (let i = 0; i < total; i++) counts[termOf[i]!]!++;
    // Terms no document holds any more (a seed's words of removed texts) are dropped.
    const renumber = new Int32Array(this.words.length).fill(-1);
    const terms = new Map<string, number>();
    this.words.forEach((w, t) => {
      if (counts[t]! > 0) {
        renumber[t] = terms.size;
        terms.set(w, terms.size);
      }
    });
    const offsets = new Uint32Array(terms.size + 1);
    this.words.forEach((_, t) => {
      if (renumber[t]! >= 0) offsets[renumber[t]! + 1] = counts[t]!;
    });
    for (let t = 0; t < terms.size; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, terms.size);
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    const [starts, tfOf] = [this.starts.data, this.tfOf.data];
    for (let doc = 0; doc < n; doc++) {
      const end = doc + 1 < n ? starts[doc + 1]! : total;
      for (let i = starts[doc]!; i < end; i++) {
        const at = fill[renumber[termOf[i]!]!]!++;
        docs[at] = doc;
        tfs[at] = tfOf[i]!;
      }
    }
    return {
      terms,
      docIds: Int32Array.from(this.docIds.data.subarray(0, n)),
      lengths: this.lengths.data.slice(0, n),
      offsets,
      docs,
      tfs,
    };
  }
}

/** The layout from per-term [doc, tf, doc, tf, …] lists (also how a format-1 index's JSON postings are read). */
export function fromLists(docIds: number[], lengths: number[], lists: Map<string, number[]>): Postings {
  let total = 0;
  for (const list of lists.values()) total += list.length / 2;
  const offsets = new Uint32Array(lists.size + 1);
  const docs = new Uint32Array(total);
  const tfs = new Uint16Array(total);
  const terms = new Map<string, number>();
  let at = 0;
  for (const [term, list] of lists) {
    offsets[terms.size] = at;
    terms.set(term, terms.size);
    for (let i = 0; i < list.length; i += 2) {
      docs[at] = list[i]!;
      tfs[at++] = Math.min(65535, list[i + 1]!);
    }
  }
  offsets[terms.size] = at;
  return { terms, docIds: Int32Array.from(docIds), lengths: Uint32Array.from(lengths), offsets, docs, tfs };
}

/** Each document's terms and their frequencies, read back from the postings (one pass over them). */
export class DocumentTerms {
  private readonly starts: Uint32Array;
  private readonly termOf: Uint32Array;
  private readonly tfOf: Uint16Array;
  private readonly words: string[];

  constructor(private readonly p: Postings) {
    const { docs, tfs, offsets } = p;
    const n = p.docIds.length;
    const starts = new Uint32Array(n + 1);
    for (let i = 0; i < docs.length; i++) starts[docs[i]! + 1]!++;
    for (let i = 0; i < n; i++) starts[i + 1]! += starts[i]!;
    const fill = starts.slice(0, n);
    const termOf = new Uint32Array(docs.length);
    const tfOf = new Uint16Array(docs.length);
    for (let t = 0; t + 1 < offsets.length; t++)
      for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
        const at = fill[docs[i]!]!++;
        termOf[at] = t;
        tfOf[at] = tfs[i]!;
      }
    [this.starts, this.termOf, this.tfOf] = [starts, termOf, tfOf];
    this.words = [...p.terms.keys()];
  }

  length(doc: number): number {
    return this.p.lengths[doc]!;
  }

  /** The dictionary, in term-number order (to seed a builder with). */
  get dictionary(): string[] {
    return this.words;
  }

  /** The document's term numbers and frequencies. */
  of(doc: number): [Uint32Array, Uint16Array] {
    const [start, end] = [this.starts[doc]!, this.starts[doc + 1]!];
    return [this.termOf.subarray(start, end), this.tfOf.subarray(start, end)];
  }
}

const MAGIC = 0x32354d42; // "BM52"

/**
 * On disk: a header of five uint32 (magic, documents, terms, postings, dictionary bytes), the
 * arrays in the order docIds, lengths, offsets, docs, tfs (each starting on a 4-byte boundary),
 * then the dictionary as UTF-8 terms joined by newlines (a term never holds whitespace).
 */
export function encodePostings(p: Postings): Buffer {
  const dictionary = Buffer.from([...p.terms.keys()].join('\n'));
  const arrays = [p.docIds, p.lengths, p.offsets, p.docs, p.tfs];
  const sizes = arrays.map((a) => align(a.byteLength));
  const out = Buffer.alloc(20 + sizes.reduce((a, b) => a + b, 0) + dictionary.length);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(p.docIds.length, 4);
  out.writeUInt32LE(p.terms.size, 8);
  out.writeUInt32LE(p.docs.length, 12);
  out.writeUInt32LE(dictionary.length, 16);
  let at = 20;
  arrays.forEach((a, i) => {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += sizes[i]!;
  });
  dictionary.copy(out, at);
  return out;
}

/** Views over `bytes` (copied once if the buffer is not 4-byte aligned); throws on a foreign or truncated file. */
export function decodePostings(bytes: Buffer): Postings {
  const { arrays, dictionary, termCount } = postingsArrays(bytes);
  const words = dictionary.length > 0 ? dictionary.toString('utf8').split('\n') : [];
  if (words.length !== termCount)
    throw new Error(`postings dictionary holds ${words.length} terms, expected ${termCount}`);
  const terms = new Map<string, number>();
  words.forEach((w, i) => terms.set(w, i));
  return { terms, ...arrays };
}

/** Dictionary bytes made into terms per step of decodePostingsInSteps (256 KB took 8-12 ms of CPU at 100k). */
const DICTIONARY_STEP_BYTES = 64 * 1024;

/**
 * decodePostings for a caller whose event loop must stay free (a server loading a new generation):
 * the dictionary, hundreds of thousands of terms at 100k chunks, is made into the term map a piece
 * at a time, with a turn of the event loop between pieces.
 */
export async function decodePostingsInSteps(bytes: Buffer): Promise<Postings> {
  const { arrays, dictionary, termCount } = postingsArrays(bytes);
  const terms = new Map<string, number>();
  let next = 0;
  for (let at = 0; at < dictionary.length;) {
    // A piece ends at a newline (or the end), so no term is cut in two.
    const newline = dictionary.indexOf(10, Math.min(dictionary.length, at + DICTIONARY_STEP_BYTES));
    const end = newline < 0 ? dictionary.length : newline;
    for (const word of dictionary.toString('utf8', at, end).split('\n')) terms.set(word, next++);
    at = end + 1;
    // A dictionary ending in a newline ends in an empty term, as split gives it.
    if (end === dictionary.length - 1) terms.set('', next++);
    await yieldToLoop();
  }
  if (next !== termCount) throw new Error(`postings dictionary holds ${next} terms, expected ${termCount}`);
  return { terms, ...arrays };
}

function postingsArrays(bytes: Buffer): {
  arrays: Omit<Postings, 'terms'>;
  dictionary: Buffer;
  termCount: number;
} {
  if (bytes.length < 20 || bytes.readUInt32LE(0) !== MAGIC) throw new Error('not a postings file');
  const [n, termCount, total, dictionaryBytes] = [4, 8, 12, 16].map((o) => bytes.readUInt32LE(o)) as [
    number,
    number,
    number,
    number,
  ];
  const sizes = [n * 4, n * 4, (termCount + 1) * 4, total * 4, total * 2].map(align);
  const expected = 20 + sizes.reduce((a, b) => a + b, 0) + dictionaryBytes;
  if (bytes.length !== expected) throw new Error(`postings file is ${bytes.length} bytes, expected ${expected}`);
  const base = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  let at = base.byteOffset + 20;
  const view = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, i: number) => {
    const out = make(base.buffer, at, length);
    at += sizes[i]!;
    return out;
  };
  const docIds = view((b, o, l) => new Int32Array(b, o, l), n, 0);
  const lengths = view((b, o, l) => new Uint32Array(b, o, l), n, 1);
  const offsets = view((b, o, l) => new Uint32Array(b, o, l), termCount + 1, 2);
  const docs = view((b, o, l) => new Uint32Array(b, o, l), total, 3);
  const tfs = view((b, o, l) => new Uint16Array(b, o, l), total, 4);
  const start = at - base.byteOffset;
  return {
    arrays: { docIds, lengths, offsets, docs, tfs },
    dictionary: base.subarray(start, start + dictionaryBytes),
    termCount,
  };
}

function align(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}
