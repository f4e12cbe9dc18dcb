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
