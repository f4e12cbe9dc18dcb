import { describe, expect, it } from 'vitest';
import { isStopWord, terms, words } from '../text/tokenize.js';
import { sampleTexts } from './sample-texts.fixture.js';
import { TokenizedTexts, Vocabulary } from './word-tokens.js';

describe('TokenizedTexts', () => {
  const texts = sampleTexts();

  it('reads the same content words as words() and the same BM25 terms as terms(), text by text', () => {
    const tokens = new TokenizedTexts(texts);
    const v = tokens.vocabulary;
    expect(texts.length).toBeGreaterThan(500);
    texts.forEach((text, i) => {
      const content = words(text).filter((t) => !isStopWord(t.word));
      const ids = [...tokens.words(i)];
      expect(ids.map((id) => v.words[id])).toEqual(content.map((t) => t.word));
      expect(ids.map((id) => v.stems[id])).toEqual(content.map((t) => t.stem));
      expect(tokens.terms(i)).toEqual(terms(text));
    });
  });

  it('agrees with words() and terms() on random strings of awkward characters', () => {
    // Letters, digits, marks, joiners, spaces, surrogate halves and pairs, in seeded random order.
    const alphabet = [
      ..."aZé9٣-‐’',.. \n\t",
      '\u0301',
      '\u093f',
      '\ud835',
      '\udc9c',
      '\ud835\udc9c',
      '🙂',
      '\u200d',
      'ß',
      'İ',
      'ǅ',
      '½',
      'Mon',
      'Fri',
      'the',
      'check',
      'in',
    ];
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
    );
    const tokens = new TokenizedTexts(texts);
    texts.forEach((text, i) => {
      const content = words(text).filter((t) => !isStopWord(t.word));
      expect([...tokens.words(i)].map((id) => tokens.vocabulary.words[id])).toEqual(content.map((t) => t.word));
      expect(tokens.terms(i)).toEqual(terms(text));
    });
  });

  it('shares one vocabulary: each word and written form is worked out once', () => {
    const v = new Vocabulary();
    const tokens = new TokenizedTexts(['The River and the river', 'RIVER rivers'], v);
    expect(tokens.terms(0)).toEqual(['river', 'river']);
    expect(tokens.terms(1)).toEqual(['river', 'river']);
    expect(v.words.filter((w) => w.startsWith('river'))).toEqual(['river', 'rivers']);
    expect(v.stop[v.words.indexOf('the')]).toBe(true);
  });

  it('tokenises a text again after forget, with the same result', () => {
    const tokens = new TokenizedTexts(texts.slice(0, 20));
    const before = tokens.terms(2);
    tokens.forget(2);
    expect(tokens.terms(2)).toEqual(before);
  });
});
