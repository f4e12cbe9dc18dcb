/**
 * The inverted index's layout: one dictionary of terms and flat typed arrays, so a 100k-chunk index
 * is a handful of allocations instead of a JavaScript array per term, and loads from disk as views
 * over one buffer (no JSON to parse). Term t's postings are docs[offsets[t] .. offsets[t+1]) with
 * their term frequencies in tfs, doc indexes ascending.
 */
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

/** Builds the layout one document at a time (documents in index order). */
export class PostingsBuilder {
  private readonly lists = new Map<string, number[]>();
  private readonly docIds: number[] = [];
  private readonly lengths: number[] = [];

  add(id: number, docTerms: string[]): void {
    const index = this.docIds.length;
    this.docIds.push(id);
    this.lengths.push(docTerms.length);
    const counts = new Map<string, number>();
    for (const t of docTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      let list = this.lists.get(t);
      if (!list) this.lists.set(t, (list = []));
      list.push(index, tf);
    }
  }

  finish(): Postings {
    return fromLists(this.docIds, this.lengths, this.lists);
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
  const words = dictionaryBytes > 0 ? base.toString('utf8', start, start + dictionaryBytes).split('\n') : [];
  if (words.length !== termCount)
    throw new Error(`postings dictionary holds ${words.length} terms, expected ${termCount}`);
  const terms = new Map<string, number>();
  words.forEach((w, i) => terms.set(w, i));
  return { terms, docIds, lengths, offsets, docs, tfs };
}

function align(bytes: number): number {
  return Math.ceil(bytes / 4) * 4;
}
