/**
 * An ingest's texts tokenised once, for everything that reads their words: the local embedder's fit
 * and its vectors (core/embed/hashed-features.ts) and the BM25 build. Each distinct word is
 * lowercased, stemmed and turned into BM25 terms once for the whole corpus (a corpus of 100k chunks
 * holds a few tens of thousands of distinct words in millions of places); a text is a list of word
 * numbers. The results are exactly those of `words` and `terms` (core/text/tokenize.ts), which do the
 * per-word work here: word-tokens.test.ts compares them on the SQuAD paragraphs.
 */
import { dayTerms, isStopWord, terms, words } from '../text/tokenize.js';

/**
 * The same pattern as `words` in core/text/tokenize.ts (a match's word depends on the matched text
 * alone, so words(match) gives its word and stem); word-tokens.test.ts checks the two agree.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.,-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/** Every distinct word met so far, numbered in order of first appearance. */
export class Vocabulary {
  /** Lowercased, accents removed (`Token.word`). */
  readonly words: string[] = [];
  /** Porter stem of each word (`Token.stem`). */
  readonly stems: string[] = [];
  /** Each word's BM25 terms in order (its stem, then a hyphenated word's parts), as `terms` yields them; empty for a stop word. */
  readonly terms: string[][] = [];
  readonly stop: boolean[] = [];
  private readonly bySurface = new Map<string, number>();
  private readonly byWord = new Map<string, number>();

  /** The number of a word as it is written in a text (a match of WORD). */
  id(surface: string): number {
    let id = this.bySurface.get(surface);
    if (id !== undefined) return id;
    const [token] = words(surface);
    if (!token) throw new Error(`not a word: ${JSON.stringify(surface)}`);
    id = this.byWord.get(token.word);
    if (id === undefined) {
      id = this.words.push(token.word) - 1;
      this.stems.push(token.stem);
      const stop = isStopWord(token.word);
      this.stop.push(stop);
      // The word's own terms: its stem, and for a hyphenated word what `terms` yields for it (minus
      // what it reads as days), which adds its parts.
      this.terms.push(
        stop ? [] : token.word.includes('-') ? terms(surface).slice(dayTerms(surface).length) : [token.stem],
      );
      this.byWord.set(token.word, id);
    }
    this.bySurface.set(surface, id);
    return id;
  }
}

/**
 * Texts as their content words (stop words left out, as both the embedder and BM25 leave them), each
 * tokenised on first use and kept: `content(i)` is text i's word numbers in order.
 */
export class TokenizedTexts {
  readonly vocabulary: Vocabulary;
  private readonly content: (Int32Array | undefined)[];
  private readonly days: (string[] | undefined)[];
  private scratch = new Int32Array(1024);

  constructor(
    private readonly texts: readonly string[],
    vocabulary = new Vocabulary(),
  ) {
    this.vocabulary = vocabulary;
    this.content = new Array<Int32Array | undefined>(texts.length);
    this.days = new Array<string[] | undefined>(texts.length);
  }

  get length(): number {
    return this.texts.length;
  }

  /** Text i's content words (word numbers in the vocabulary), in order. */
  words(i: number): Int32Array {
    return this.content[i] ?? this.tokenize(i);
  }

  /** Text i's BM25 terms: exactly `terms(text)`. */
  terms(i: number): string[] {
    const ids = this.words(i);
    const out = [...(this.days[i] ?? [])];
    const { terms: byWord } = this.vocabulary;
    for (let j = 0; j < ids.length; j++) {
      const own = byWord[ids[j]!]!;
      if (own.length === 1) out.push(own[0]!);
      else for (const t of own) out.push(t);
    }
    return out;
  }

  /** Drop text i's tokens (they are not needed again). */
  forget(i: number): void {
    this.content[i] = undefined;
    this.days[i] = undefined;
  }

  private tokenize(i: number): Int32Array {
    const text = this.texts[i]!;
    const { vocabulary } = this;
    let n = 0;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const id = vocabulary.id(m[0]);
      if (vocabulary.stop[id]) continue;
      if (n === this.scratch.length) {
        const bigger = new Int32Array(n * 2);
        bigger.set(this.scratch);
        this.scratch = bigger;
      }
      this.scratch[n++] = id;
    }
    const ids = this.scratch.slice(0, n);
    this.content[i] = ids;
    const days = dayTerms(text);
    if (days.length > 0) this.days[i] = days;
    return ids;
  }
}
