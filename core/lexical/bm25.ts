import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { terms } from '../text/tokenize.js';
import {
  decodePostings,
  decodePostingsInSteps,
  DocumentTerms,
  encodePostings,
  fromLists,
  PostingsBuilder,
  type Postings,
} from './postings.js';
import { TopK } from './top-k.js';
import { splicePostings } from './postings-splice.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** The format-1 persisted form (index format 1): postings as [docIndex, termFrequency] pairs, flattened. */
export interface Bm25Json {
  params: Bm25Params;
  docIds: number[];
  lengths: number[];
  postings: Record<string, number[]>;
}

export interface ScoredId {
  id: number;
  score: number;
}

/**
 * Okapi BM25 over an inverted index in flat typed arrays (core/lexical/postings.ts): a query touches
 * only the postings of its own terms, adds into one reused score array, and keeps the best k in a
 * small heap, so cost grows with the matches, not with the corpus, and nothing is sorted but the k.
 */
export class Bm25Index {
  private readonly avgLength: number;
  /** k1 · (1 − b + b · length / average length) per document: the length part of BM25's denominator. */
  private readonly lengthNorm: Float64Array;
  private scores: Float64Array | undefined;
  private touched: Uint32Array | undefined;
  private marked: Uint8Array | undefined;

  private constructor(
    readonly params: Bm25Params,
    private readonly postings: Postings,
  ) {
    const { lengths } = postings;
    let total = 0;
    for (const l of lengths) total += l;
    this.avgLength = lengths.length > 0 ? total / lengths.length : 0;
    const { k1, b } = params;
    this.lengthNorm = new Float64Array(lengths.length);
    for (let i = 0; i < lengths.length; i++)
      this.lengthNorm[i] = k1 * (1 - b + (b * lengths[i]!) / (this.avgLength || 1));
  }

  /**
   * Yields to the event loop now and then: a server re-indexing a large corpus keeps answering.
   * Given the previous generation's index and chunks, a text it already held keeps its term counts
   * from there instead of being tokenised again (tokenising is nearly all of a build): a change to
   * one file of a large index costs the new texts and a pass over the postings. With `from` (by
   * document, its index in the previous one or -1: ingest/splice.ts) not even the texts are looked up. `termsOf(i)`, when
   * given, is `terms(docs[i].text)` from texts tokenised once for the whole ingest (word-tokens.ts).
   */
  static async build(
    docs: { id: number; text: string }[],
    params: Bm25Params = DEFAULT_BM25,
    previous?: { index: Bm25Index; chunks: { id: number; text: string }[]; from?: Int32Array },
    termsOf?: (doc: number) => string[],
  ): Promise<Bm25Index> {
    // The documents as a splice of the previous ones (`from`: each one's previous index, -1 if new).
    const spliced =
      previous?.from &&
      splicePostings(
        previous.index.postings,
        previous.from,
        docs.map((d) => d.id),
        termsOf ?? ((i) => terms(docs[i]!.text)),
      );
    if (spliced) return new Bm25Index(params, spliced);
    const known = previous && previous.index.docsByText(previous.chunks);
    const kept = known && known.size > 0 ? new DocumentTerms(previous.index.postings) : undefined;
    const builder = new PostingsBuilder(kept?.dictionary, previous?.index.postings.docs.length);
    let work = 0;
    for (const [i, doc] of docs.entries()) {
      const old = known?.get(doc.text);
      // A text tokenised costs about as much as sixteen kept ones.
      work += old === undefined ? 16 : 1;
      if (work >= 4096) {
        work = 0;
        await yieldToLoop();
      }
      if (kept && old !== undefined) builder.addKnown(doc.id, kept.length(old), ...kept.of(old));
      else builder.add(doc.id, termsOf ? termsOf(i) : terms(doc.text));
    }
    return new Bm25Index(params, builder.finish());
  }

  /** Document index of each chunk text this index holds (`chunks` are the ones it was built from). */
  private docsByText(chunks: { id: number; text: string }[]): Map<string, number> {
    const byId = new Map(chunks.map((c) => [c.id, c.text]));
    const out = new Map<string, number>();
    this.postings.docIds.forEach((id, doc) => {
      const text = byId.get(id);
      if (text !== undefined) out.set(text, doc);
    });
    return out;
  }

  /** An index saved by index format 1 (JSON postings). */
  static fromJSON(json: Bm25Json): Bm25Index {
    return new Bm25Index(json.params, fromLists(json.docIds, json.lengths, new Map(Object.entries(json.postings))));
  }

  /** The binary form (toBinary), read as views over `bytes`; throws on a foreign or truncated file. */
  static fromBinary(bytes: Buffer, params: Bm25Params = DEFAULT_BM25): Bm25Index {
    return new Bm25Index(params, decodePostings(bytes));
  }

  /** fromBinary in steps, the event loop turning between them (postings.ts: decodePostingsInSteps). */
  static async fromBinaryInSteps(bytes: Buffer, params: Bm25Params = DEFAULT_BM25): Promise<Bm25Index> {
    return new Bm25Index(params, await decodePostingsInSteps(bytes));
  }

  toBinary(): Buffer {
    return encodePostings(this.postings);
  }

  get size(): number {
    return this.postings.docIds.length;
  }

  private docFrequency(term: string): number {
    const t = this.postings.terms.get(term);
    return t === undefined ? 0 : this.postings.offsets[t + 1]! - this.postings.offsets[t]!;
  }

  /** Inverse document frequency of an already-stemmed term (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.docFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  search(query: string, k: number): ScoredId[] {
    return this.searchTerms(terms(query), k);
  }

  /** Score with explicit term weights (e.g. earlier turns of a conversation count less). */
  searchTerms(queryTerms: string[], k: number, weights?: number[]): ScoredId[] {
    const { k1 } = this.params;
    const { offsets, docs, tfs, docIds } = this.postings;
    const seen = new Map<string, number>();
    queryTerms.forEach((t, i) => seen.set(t, Math.max(seen.get(t) ?? 0, weights?.[i] ?? 1)));
    const scores = (this.scores ??= new Float64Array(this.size));
    const touched = (this.touched ??= new Uint32Array(this.size));
    const marked = (this.marked ??= new Uint8Array(this.size));
    let count = 0;
    for (const [term, weight] of seen) {
      const t = this.postings.terms.get(term);
      if (t === undefined) continue;
      const idf = this.idf(term);
      for (let p = offsets[t]!, end = offsets[t + 1]!; p < end; p++) {
        const doc = docs[p]!;
        const tf = tfs[p]!;
        if (marked[doc] === 0) {
          marked[doc] = 1;
          touched[count++] = doc;
        }
        scores[doc] = scores[doc]! + weight * idf * ((tf * (k1 + 1)) / (tf + this.lengthNorm[doc]!));
      }
    }
    const best = new TopK(k);
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      best.offer(doc, scores[doc]!);
      scores[doc] = 0;
      marked[doc] = 0;
    }
    return best.sorted().map(({ id, score }) => ({ id: docIds[id]!, score }));
  }
}
