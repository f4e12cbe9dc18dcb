/**
 * A new generation's postings made from the previous one's when its documents are the previous
 * ones with some removed and some new ones put in between, in the same order (ingest/splice.ts).
 * Rebuilding every posting list for a one-file change of a 100k-chunk index (each kept document's
 * terms read back from the postings, then inverted again: about 0.5 s) becomes one pass over the
 * typed arrays, each term's kept postings renumbered and the new documents' merged in. The result
 * is the layout PostingsBuilder gives for the same documents: the same term numbers, postings,
 * lengths and dictionary order (bm25 tests compare the two).
 */
import type { Postings } from './postings.js';

/** The new documents' (term, frequency) pairs by term number, documents ascending. */
function freshPostings(
  p: Postings,
  from: Int32Array,
  termsOf: (doc: number) => string[],
  lengths: Uint32Array,
): { words: string[]; lists: Map<number, number[]> } {
  const words = [...p.terms.keys()];
  const added = new Map<string, number>();
  const lists = new Map<number, number[]>();
  for (let doc = 0; doc < from.length; doc++) {
    if (from[doc]! >= 0) continue;
    const docTerms = termsOf(doc);
    lengths[doc] = docTerms.length;
    const counts = new Map<string, number>();
    for (const t of docTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let t = p.terms.get(term) ?? added.get(term);
      if (t === undefined) added.set(term, (t = words.push(term) - 1));
      let list = lists.get(t);
      if (!list) lists.set(t, (list = []));
      list.push(doc, Math.min(65535, tf));
    }
  }
  return { words, lists };
}

/**
 * `from[i]`: the previous document index of new document i, or -1 for a new one (ascending where
 * not -1); `ids[i]` its chunk id; `termsOf(i)` a new document's terms. Undefined when `p`'s document
 * indexes are not its chunk ids, or no document is kept (a builder starts its dictionary afresh then).
 */
export function splicePostings(
  p: Postings,
  from: Int32Array,
  ids: ArrayLike<number>,
  termsOf: (doc: number) => string[],
): Postings | undefined {
  const n = from.length;
  const newDoc = new Int32Array(p.docIds.length).fill(-1);
  for (let d = 0; d < p.docIds.length; d++) if (p.docIds[d] !== d) return undefined;
  const lengths = new Uint32Array(n);
  let keptAny = false;
  for (let doc = 0; doc < n; doc++) {
    const old = from[doc]!;
    if (old < 0) continue;
    if (old >= newDoc.length) return undefined;
    newDoc[old] = doc;
    lengths[doc] = p.lengths[old]!;
    keptAny = true;
  }
  if (!keptAny) return undefined;
  const { words, lists } = freshPostings(p, from, termsOf, lengths);
  let total = p.docs.length;
  for (const list of lists.values()) total += list.length / 2;
  const docs = new Uint32Array(total);
  const tfs = new Uint16Array(total);
  const offsets: number[] = [0];
  const terms = new Map<string, number>();
  const oldTerms = p.offsets.length - 1;
  let at = 0;
  for (let t = 0; t < words.length; t++) {
    const start = at;
    const list = lists.get(t);
    let next = 0;
    // Kept postings renumbered, the new documents' merged in by document (both ascending).
    for (let i = t < oldTerms ? p.offsets[t]! : 0, end = t < oldTerms ? p.offsets[t + 1]! : 0; i < end; i++) {
      const doc = newDoc[p.docs[i]!]!;
      if (doc < 0) continue;
      for (; list && next < list.length && list[next]! < doc; next += 2) {
        docs[at] = list[next]!;
        tfs[at++] = list[next + 1]!;
      }
      docs[at] = doc;
      tfs[at++] = p.tfs[i]!;
    }
    for (; list && next < list.length; next += 2) {
      docs[at] = list[next]!;
      tfs[at++] = list[next + 1]!;
    }
    // A term no document holds any more is dropped, as the builder drops it.
    if (at === start) continue;
    terms.set(words[t]!, terms.size);
    offsets.push(at);
  }
  return {
    terms,
    docIds: Int32Array.from(ids),
    lengths,
    offsets: Uint32Array.from(offsets),
    docs: docs.slice(0, at),
    tfs: tfs.slice(0, at),
  };
}
