/**
 * The local embedder's fit and vectors (core/providers/local-hash.ts) computed from texts tokenised
 * once (core/lexical/word-tokens.ts) instead of from their strings: each distinct word's features (its
 * stem's and its character n-grams' hashes and weights) are hashed once for the corpus, a word pair's
 * bigram is hashed without building its string, and a vector is summed into reused typed arrays.
 * The output is the provider's to the last bit: the same IDF table as its `fit`, the same numbers as
 * its `embedDocuments` (hashed-features.test.ts compares them on the SQuAD paragraphs).
 */
import type { LocalHashSettings } from '../providers/local-hash.js';
import type { TokenizedTexts, Vocabulary } from '../lexical/word-tokens.js';

/** The local embedder's fitted state, as its provider keeps it. */
export interface HashedState {
  documents: number;
  idf: number[];
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a (32 bit) continued from `h` over `text`: fnv(a + b) is more(more(start, a), b). */
function more(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const W = more(FNV_OFFSET, 'w:');
const B = more(FNV_OFFSET, 'b:');
const C = more(FNV_OFFSET, 'c:');

/**
 * A feature's key as the provider accumulates it: bucket · 2, plus 1 for a positive sign (the
 * hash's top bit clear).
 */
function key(h: number, dimensions: number): number {
  const u = h >>> 0;
  return (u % dimensions) * 2 + (u & 0x80000000 ? 0 : 1);
}

export class HashedFeatures {
  readonly dimensions: number;
  /** Per word number: the key of its stem's word feature, -1 until computed. */
  private wordKey = new Int32Array(0);
  /** Per word number: FNV state after "b:" + stem + " " (a bigram's hash continues with the next stem). */
  private pairStart = new Int32Array(0);
  /** Per word number: its character n-gram features' keys and weights, in the provider's order. */
  private readonly gramKeys: Int32Array[] = [];
  private readonly gramWeights: Float64Array[] = [];
  /** Weight summed per key for the vector being made, and which keys it touched, in first-touch order. */
  private readonly sums: Float64Array;
  private touched = new Int32Array(1024);
  private readonly vector: Float64Array;
  private readonly seen: Int32Array;

  constructor(
    private readonly settings: LocalHashSettings,
    private readonly vocabulary: Vocabulary,
  ) {
    this.dimensions = settings.dimensions;
    this.sums = new Float64Array(2 * this.dimensions);
    this.vector = new Float64Array(this.dimensions);
    this.seen = new Int32Array(this.dimensions).fill(-1);
  }

  /** Hash the features of every word the vocabulary holds that has not been hashed yet. */
  private prepare(): void {
    const { words, stems } = this.vocabulary;
    const from = this.gramKeys.length;
    if (from === words.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(Math.max(words.length, a.length * 2));
      b.set(a);
      return b;
    };
    if (this.wordKey.length < words.length) [this.wordKey, this.pairStart] = [grow(this.wordKey), grow(this.pairStart)];
    const { dimensions: d, charNgrams, charWeight } = this.settings;
    for (let id = from; id < words.length; id++) {
      const stem = stems[id]!;
      this.wordKey[id] = key(more(W, stem), d);
      this.pairStart[id] = more(more(B, stem), ' ');
      const marked = `<${words[id]!}>`;
      let count = 0;
      for (const n of charNgrams) count += Math.max(0, marked.length - n + 1);
      const keys = new Int32Array(count);
      const weights = new Float64Array(count);
      let at = 0;
      for (const n of charNgrams) {
        const grams = Math.max(0, marked.length - n + 1);
        const weight = charWeight / Math.max(1, grams / 2);
        for (let j = 0; j < grams; j++) {
          let h = C;
          for (let k = j; k < j + n; k++) {
            h ^= marked.charCodeAt(k);
            h = Math.imul(h, 0x01000193);
          }
          keys[at] = key(h, d);
          weights[at++] = weight;
        }
      }
      this.gramKeys.push(keys);
      this.gramWeights.push(weights);
    }
  }

  /**
   * The provider's `fit` over these texts: each bucket's document frequency (a text counts once
   * however many of its features fall in it), then its IDF rounded to five decimals. Calls
   * `pause` every 256 texts (a caller on a server's event loop yields there).
   */
  async fit(texts: TokenizedTexts, pause?: () => Promise<unknown>): Promise<HashedState> {
    const df = new Float64Array(this.dimensions);
    // The text that last counted each bucket, and that last counted each word's own features.
    const seen = this.seen.fill(-1);
    let wordSeen = new Int32Array(this.vocabulary.words.length).fill(-1);
    const d = this.dimensions;
    for (let i = 0; i < texts.length; i++) {
      const ids = texts.words(i);
      this.prepare();
      if (wordSeen.length < this.vocabulary.words.length) {
        const bigger = new Int32Array(Math.max(this.vocabulary.words.length, wordSeen.length * 2)).fill(-1);
        bigger.set(wordSeen);
        wordSeen = bigger;
      }
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j]!;
        if (j + 1 < ids.length) {
          const bucket = (more(this.pairStart[id]!, this.vocabulary.stems[ids[j + 1]!]!) >>> 0) % d;
          if (seen[bucket] !== i) {
            seen[bucket] = i;
            df[bucket]!++;
          }
        }
        // A word met again in the same text adds no bucket it has not already counted.
        if (wordSeen[id] === i) continue;
        wordSeen[id] = i;
        let bucket = this.wordKey[id]! >> 1;
        if (seen[bucket] !== i) {
          seen[bucket] = i;
          df[bucket]!++;
        }
        const grams = this.gramKeys[id]!;
        for (let g = 0; g < grams.length; g++) {
          bucket = grams[g]! >> 1;
          if (seen[bucket] !== i) {
            seen[bucket] = i;
            df[bucket]!++;
          }
        }
      }
      if (pause && i % 256 === 255) await pause();
    }
    const n = texts.length;
    const idf = Array.from(df, (x) => Number((Math.log((n + 1) / (x + 1)) + 1).toFixed(5)));
    return { documents: n, idf };
  }

  /**
   * Text i's vector, as the provider's `embedDocuments` makes it, written to `out` from `offset`
   * (`dimensions` numbers; `out` there must hold zeros). Features are summed per (bucket, sign) in
   * the provider's order, so every sum, and so every number, is the same to the last bit.
   */
  embedInto(texts: TokenizedTexts, i: number, idf: readonly number[], out: Float64Array, offset: number): void {
    const ids = texts.words(i);
    this.prepare();
    const { bigramWeight } = this.settings;
    const { sums, wordKey, gramKeys, gramWeights, pairStart, dimensions: d } = this;
    const { stems } = this.vocabulary;
    // Room for every feature of the text: word, bigram and n-grams of each word.
    let room = 2 * ids.length;
    for (let j = 0; j < ids.length; j++) room += gramKeys[ids[j]!]!.length;
    if (this.touched.length < room) this.touched = new Int32Array(room * 2);
    const touched = this.touched;
    let count = 0;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      // Weights are positive: a key at zero has not been touched by this text yet.
      let k = wordKey[id]!;
      if (sums[k] === 0) touched[count++] = k;
      sums[k] = sums[k]! + 1;
      if (j + 1 < ids.length) {
        k = key(more(pairStart[id]!, stems[ids[j + 1]!]!), d);
        if (sums[k] === 0) touched[count++] = k;
        sums[k] = sums[k]! + bigramWeight;
      }
      const keys = gramKeys[id]!;
      const weights = gramWeights[id]!;
      for (let g = 0; g < keys.length; g++) {
        k = keys[g]!;
        if (sums[k] === 0) touched[count++] = k;
        sums[k] = sums[k]! + weights[g]!;
      }
    }
    const v = this.vector;
    for (let t = 0; t < count; t++) {
      const k = touched[t]!;
      const bucket = k >> 1;
      const sign = k & 1 ? 1 : -1;
      // At most two terms a bucket (one per sign): their sum is the same in either order.
      v[bucket] = v[bucket]! + sign * (1 + Math.log(1 + sums[k]!)) * (idf[bucket] ?? 1);
      sums[k] = 0;
    }
    let squares = 0;
    for (let b = 0; b < d; b++) squares += v[b]! * v[b]!;
    const norm = Math.sqrt(squares);
    if (norm > 0) {
      for (let t = 0; t < count; t++) {
        const bucket = touched[t]! >> 1;
        if (v[bucket] !== 0) out[offset + bucket] = v[bucket]! / norm;
        v[bucket] = 0;
      }
    } else {
      out[offset] = 1;
      for (let t = 0; t < count; t++) v[touched[t]! >> 1] = 0;
    }
  }

  /** Text i's vector as a new array of numbers (as `embedDocuments` returns it). */
  embed(texts: TokenizedTexts, i: number, idf: readonly number[]): number[] {
    const out = new Float64Array(this.dimensions);
    this.embedInto(texts, i, idf, out, 0);
    return Array.from(out);
  }
}
