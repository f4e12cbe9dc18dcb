import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { terms } from '../text/tokenize.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** The persisted form: postings as [docIndex, termFrequency] pairs, flattened. */
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
 * Okapi BM25 over an inverted index: a query touches only the postings of its own terms, so
 * cost grows with the matches, not with the corpus.
 */
export class Bm25Index {
  private readonly avgLength: number;

  private constructor(
    readonly params: Bm25Params,
    private readonly docIds: number[],
    private readonly lengths: number[],
    private readonly postings: Map<string, number[]>,
  ) {
    const total = lengths.reduce((a, b) => a + b, 0);
    this.avgLength = lengths.length > 0 ? total / lengths.length : 0;
  }

  /** Yields to the event loop now and then: a server re-indexing a large corpus keeps answering. */
  static async build(docs: { id: number; text: string }[], params: Bm25Params = DEFAULT_BM25): Promise<Bm25Index> {
    const postings = new Map<string, number[]>();
    const lengths: number[] = [];
    for (const [index, doc] of docs.entries()) {
      if (index % 256 === 255) await yieldToLoop();
      const docTerms = terms(doc.text);
      lengths.push(docTerms.length);
      const counts = new Map<string, number>();
      for (const t of docTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push(index, tf);
      }
    }
    return new Bm25Index(
      params,
      docs.map((d) => d.id),
      lengths,
      postings,
    );
  }

  static fromJSON(json: Bm25Json): Bm25Index {
    return new Bm25Index(json.params, json.docIds, json.lengths, new Map(Object.entries(json.postings)));
  }

  toJSON(): Bm25Json {
    return {
      params: this.params,
      docIds: this.docIds,
      lengths: this.lengths,
      postings: Object.fromEntries(this.postings),
    };
  }

  get size(): number {
    return this.docIds.length;
  }

  /** Inverse document frequency of an already-stemmed term (BM25+ style, never negative). */
  idf(term: string): number {
    const df = (this.postings.get(term)?.length ?? 0) / 2;
    return Math.log(1 + (this.docIds.length - df + 0.5) / (df + 0.5));
  }

  search(query: string, k: number): ScoredId[] {
    return this.searchTerms(terms(query), k);
  }

  /** Score with explicit term weights (e.g. earlier turns of a conversation count less). */
  searchTerms(queryTerms: string[], k: number, weights?: number[]): ScoredId[] {
    const { k1, b } = this.params;
    const scores = new Map<number, number>();
    const seen = new Map<string, number>();
    queryTerms.forEach((t, i) => seen.set(t, Math.max(seen.get(t) ?? 0, weights?.[i] ?? 1)));
    for (const [t, weight] of seen) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = this.idf(t);
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const tf = list[i + 1]!;
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]!) / (this.avgLength || 1));
        scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([doc, score]) => ({ id: this.docIds[doc]!, score }));
  }
}
