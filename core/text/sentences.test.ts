import { describe, expect, it } from 'vitest';
import { sentences } from './sentences.js';
import { terms } from './tokenize.js';

describe('sentences', () => {
  it('keeps exact offsets and does not break after titles, initials or abbreviations', () => {
    const text = 'Mr. Zardari met Dr. Smith in the U.S. on Oct. 31st.  J. Doe agreed!\nA title line\nLast one?';
    const out = sentences(text);
    expect(out.map((s) => s.text)).toEqual(['Mr. Zardari met Dr. Smith in the U.S. on Oct. 31st.', 'J. Doe agreed!', 'A title line', 'Last one?']);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits a very long line the same way, sentences whole across the pieces it is read in', () => {
    const sentence = 'Dr. Okonkwo met J. R. Dubois in the U.S. on Oct. 3 and they talked at length.';
    const text = Array.from({ length: 400 }, () => sentence).join(' ');
    const out = sentences(text);
    expect(out).toHaveLength(400);
    expect(new Set(out.map((s) => s.text))).toEqual(new Set([sentence]));
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('terms', () => {
  it('lowercases, drops stop words, stems, and splits hyphenated words', () => {
    expect(terms('The Deportations of MIGRANTS were deported')).toEqual(['deport', 'migrant', 'deport']);
    expect(terms('fibre-optic 4,300')).toEqual(['fibre-opt', 'fibr', 'optic', '4300']);
  });
});
