import { describe, expect, it } from 'vitest';
import { sampleTexts } from '../lexical/sample-texts.fixture.js';
import { endsDangling, hasColumns, isSpace, stopsBeforeDigits, trailingSpace } from './sentence-scan.js';

// The patterns the splitter used before (sentences.ts, ingest/split.ts): the scans must agree with them exactly.
const END_BEFORE_DIGIT = /(?<=\p{L}{2})[.!?]["'”’)\]]*\s+(?=\d)/gu;
const DANGLING =
  /(?:^|[^\p{L}'’-])(?:a|an|the|of|by|to|and|or|nor|with|for|from|into|onto|than|at|in|on|via|per|its|their|our|your|his|her|is|are|was|were|be|been)[ \t]*$/iu;
const COLUMNS = /\S(?: {2,}|\t)\S|\|/;

/** Seeded random strings over pieces that make each pattern match, nearly match or go astray. */
function awkwardStrings(count: number): string[] {
  const alphabet = [
    ...'aZé9٣.!?"\')]”’ \t\n|-',
    '  ',
    '\u00a0',
    '\u2003',
    '\ufeff',
    '\ud835',
    '\udc9c',
    '\ud835\udc9c',
    '🙂',
    'ſ',
    'K',
    'The',
    ' of',
    'their',
    'been',
    'x-the',
    "'s",
    '. 3',
    'ab. 12',
  ];
  let state = 2024;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

describe('the sentence splitter scans', () => {
  const texts = [...sampleTexts(), ...awkwardStrings(20_000)];
  const lines = texts.flatMap((t) => t.split('\n'));

  it('find the stops before digits the lookbehind pattern found', () => {
    for (const text of texts) {
      const expected = [...text.matchAll(END_BEFORE_DIGIT)].map((m) => [m.index, m[0].length]);
      expect([...stopsBeforeDigits(text)], text).toEqual(expected);
    }
  });

  it('find the lines ending on a dangling word and the lines in columns the patterns found', () => {
    for (const line of lines) {
      expect(endsDangling(line), line).toBe(DANGLING.test(line));
      expect(hasColumns(line), line).toBe(COLUMNS.test(line));
    }
  });

  it('read blank space as \\s does, every code unit', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isSpace(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
    for (const text of texts) expect(trailingSpace(text)).toBe(/\s*$/.exec(text)![0]);
  });
});
