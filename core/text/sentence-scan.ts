import { DANGLING_WORDS } from '../lang/en.js';

/**
 * Cheap equivalents of the sentence splitter's patterns (sentences.ts), which ran at every position of
 * every line or sentence: a `$`-anchored or lookbehind pattern is tried from each character, so on
 * 2.5 MB of prose they took half the splitter's time. Each function here gives exactly what its
 * pattern gave (sentence-scan.test.ts compares them on awkward and random strings).
 */

/** A sentence end before a number: `[.!?]`, closing quotes or brackets, blank space, then a digit. */
const STOP_BEFORE_DIGIT = /[.!?]["'”’)\]]*\s+(?=\d)/g;
const TWO_LETTERS = /\p{L}{2}$/u;

/**
 * Matches of `(?<=\p{L}{2})[.!?]["'”’)\]]*\s+(?=\d)` (global, unicode) in `text`, as [index, length].
 * The lookbehind is checked only where the rest matched: on the two code points before the stop.
 */
export function* stopsBeforeDigits(text: string): Generator<[number, number]> {
  STOP_BEFORE_DIGIT.lastIndex = 0;
  for (let m = STOP_BEFORE_DIGIT.exec(text); m; m = STOP_BEFORE_DIGIT.exec(text)) {
    const at = m.index;
    const end = at + m[0].length;
    // Two code points are at most four code units; what lies before them cannot change the test.
    if (TWO_LETTERS.test(text.slice(Math.max(0, at - 4), at))) yield [at, m[0].length];
    // A failed stop leaves nothing to retry inside it: a stop can only start at [.!?], which the rest never holds.
    STOP_BEFORE_DIGIT.lastIndex = end;
  }
}

const DANGLING_TAIL = new RegExp(`(?:^|[^\\p{L}'’-])(?:${DANGLING_WORDS.join('|')})$`, 'iu');
/** The longest dangling word, plus one for the character before it, plus one for a surrogate pair's half. */
const DANGLING_REACH = Math.max(...DANGLING_WORDS.map((w) => w.length)) + 2;

/**
 * Whether `line` ends on a word no sentence ends on (DANGLING_WORDS): the pattern
 * `(?:^|[^\p{L}'’-])(?:a|an|the|…|been)[ \t]*$` (iu), tested on the line's last few characters only.
 */
export function endsDangling(line: string): boolean {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  let start = Math.max(0, end - DANGLING_REACH);
  // Never start inside a surrogate pair: the character before the word may be an astral letter.
  const first = line.charCodeAt(start);
  if (start > 0 && first >= 0xdc00 && first <= 0xdfff) start--;
  // Past the string's start, `^` cannot match: the longest word is shorter than the tail.
  return DANGLING_TAIL.test(line.slice(start, end));
}

const COLUMN_GAP = /\S(?: {2,}|\t)\S/;

/** `/\S(?: {2,}|\t)\S|\|/.test(line)`: the pattern only where a pipe, tab or two spaces could make it match. */
export function hasColumns(line: string): boolean {
  if (line.includes('|')) return true;
  return (line.includes('  ') || line.includes('\t')) && COLUMN_GAP.test(line);
}

/** JavaScript's `\s` (without the u flag, the same set). */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `/\s*$/.exec(text)[0]`, read backwards instead of tried from every position. */
export function trailingSpace(text: string): string {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return text.slice(i);
}
