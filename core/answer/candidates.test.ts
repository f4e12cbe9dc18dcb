import { describe, expect, it } from 'vitest';
import { candidates } from './candidates.js';

const texts = (sentence: string) => candidates(sentence).map((c) => c.text);

describe('candidates', () => {
  it('never offers half a parenthesis', () => {
    const found = texts('In a statement released by the Taliban-controlled Arg (Presidential Palace), Akhund assured the delegation.');
    expect(found).toContain('Arg (Presidential Palace)');
    for (const text of [...found, ...texts('Prices rose 5%) and then fell back (slowly.')]) {
      expect(text.split('(').length, text).toBe(text.split(')').length);
    }
  });

  it('keeps offsets that point at the span in the sentence', () => {
    const sentence = 'The tower (built in 1890 by Gustave Eiffel) stands in Paris.';
    for (const c of candidates(sentence)) expect(sentence.slice(c.start, c.end)).toBe(c.text);
    expect(texts(sentence)).toEqual(expect.arrayContaining(['Paris', '1890']));
  });
});
