/**
 * An ingest's texts tokenised once, for everything that reads their words: the local embedder's fit
 * and its vectors (core/embed/hashed-features.ts) and the BM25 build. Each distinct word is
 * lowercased, stemmed and turned into BM25 terms once for the whole corpus (the bench's 5k synthetic
 * chunks hold 26,000 distinct words, 29,000 written forms); a text is a list of word numbers. The
 * results are exactly those of `words` and `terms` (core/text/tokenize.ts), which do the per-word work
 * here: word-tokens.test.ts compares them on the repository's texts, SQuAD paragraphs and random strings.
 */
import { dayTerms, isStopWord, terms, words } from '../text/tokenize.js';

// Words are found as `words` in core/text/tokenize.ts finds them, its pattern
//   [\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.,-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*   (flags gu)
// read by hand: a letter or digit, then letters, digits and marks, then any number of joiners each
// followed by a letter or digit and more of them. A word already met then costs no match object and
// no string. A match's word depends on the matched text alone, so words(match) gives its word and
// stem; word-tokens.test.ts checks the two agree.
const LETTER_OR_DIGIT = 1;
const MARK = 2;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[\p{L}\p{N}]/u.test(String.fromCharCode(c))) ASCII[c] = LETTER_OR_DIGIT;
/** Classes of code points above ASCII, worked out with the pattern's own classes on first sight. */
const seenClass = new Map<number, number>();
const UNSEEN = 255;
const bmpClass = new Uint8Array(65536).fill(UNSEEN);

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return /[\p{L}\p{N}]/u.test(ch) ? LETTER_OR_DIGIT : /\p{M}/u.test(ch) ? MARK : 0;
}

/** The class of the code point at `at` (a surrogate pair read as one, as the pattern's `u` flag reads it). */
function classAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 128) return ASCII[c]!;
  if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length) {
    const cp = text.codePointAt(at)!;
    if (cp > 0xffff) {
      let k = seenClass.get(cp);
      if (k === undefined) seenClass.set(cp, (k = classify(cp)));
      return k;
    }
  }
  let k = bmpClass[c]!;
  if (k === UNSEEN) bmpClass[c] = k = classify(c);
  return k;
}

/** Code units of the code point at `at`. */
function widthAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && at + 1 < text.length && text.codePointAt(at)! > 0xffff ? 2 : 1;
}

/** After a letter or digit at `at`: the end of the run of letters, digits and marks from there. */
function runEnd(text: string, at: number): number {
  let p = at;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c < 128) {
      if (ASCII[c] === 0) break;
      p++;
      continue;
    }
    if (classAt(text, p) === 0) break;
    p += widthAt(text, p);
  }
  return p;
}

/** A joiner between word parts: ' ’ . , - */
const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 46 || c === 44 || c === 45;

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
  /** Written forms by a hash of their code units (open addressing): slot → entry + 1. */
  private slots = new Int32Array(1 << 12);
  private readonly surfaces: string[] = [];
  private readonly surfaceIds: number[] = [];
  private readonly surfaceHashes: number[] = [];

  /** The number of the word written as text[start, end), found without slicing the text when it was seen before. */
  idAt(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) break;
      if (this.surfaceHashes[entry] !== h) continue;
      const surface = this.surfaces[entry]!;
      if (surface.length === length && text.startsWith(surface, start)) return this.surfaceIds[entry]!;
    }
    const surface = text.slice(start, end);
    const id = this.id(surface);
    this.remember(surface, h, id);
    return id;
  }

  private remember(surface: string, h: number, id: number): void {
    if (2 * (this.surfaces.length + 1) > this.slots.length) {
      const bigger = new Int32Array(this.slots.length * 2);
      const mask = bigger.length - 1;
      this.surfaceHashes.forEach((old, entry) => {
        let slot = old & mask;
        while (bigger[slot] !== 0) slot = (slot + 1) & mask;
        bigger[slot] = entry + 1;
      });
      this.slots = bigger;
    }
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = this.surfaces.push(surface);
    this.surfaceIds.push(id);
    this.surfaceHashes.push(h);
  }

  /** The number of a word as it is written in a text (one match of `words`'s pattern). */
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
 * tokenised on first use and kept (until `forget`): `words(i)` is text i's word numbers in order.
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

  /** Drop text i's tokens once nothing needs them again (they are made anew if asked for). */
  forget(i: number): void {
    this.content[i] = undefined;
    this.days[i] = undefined;
  }

  private tokenize(i: number): Int32Array {
    const text = this.texts[i]!;
    const { vocabulary } = this;
    let n = 0;
    const length = text.length;
    let p = 0;
    while (p < length) {
      const c = text.charCodeAt(p);
      if (c < 128 ? ASCII[c] === 0 : classAt(text, p) !== LETTER_OR_DIGIT) {
        p += c < 128 ? 1 : widthAt(text, p);
        continue;
      }
      const start = p;
      p = runEnd(text, p + (c < 128 ? 1 : widthAt(text, p)));
      while (p + 1 < length && isJoiner(text.charCodeAt(p)) && classAt(text, p + 1) === LETTER_OR_DIGIT)
        p = runEnd(text, p + 1 + widthAt(text, p + 1));
      const id = vocabulary.idAt(text, start, p);
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
