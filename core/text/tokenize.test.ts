import { describe, expect, it } from 'vitest';
import { terms, words } from './tokenize.js';

describe('terms', () => {
  it('matches words with and without accents', () => {
    expect(terms('Jumièges fiancée Pérez naïve')).toEqual(terms('Jumieges fiancee Perez naive'));
    // Decomposed accents (combining marks) fold the same way as precomposed ones.
    expect(terms('Jumie\u0300ges')).toEqual(terms('Jumièges'));
  });

  it('keeps offsets in the original text when folding', () => {
    const text = 'A café in Orléans.';
    const found = words(text);
    expect(found.map((t) => t.word)).toEqual(['a', 'cafe', 'in', 'orleans']);
    expect(found.map((t) => text.slice(t.start, t.end))).toEqual(['A', 'café', 'in', 'Orléans']);
  });

  it('splits hyphenated words into the whole and its parts, and keeps numbers whole', () => {
    expect(terms('fibre-optic cables')).toEqual(['fibre-opt', 'fibr', 'optic', 'cabl']);
    expect(terms('check-in')).toContain(terms('checkin')[0]);
    expect(terms('4,300 migrants')).toEqual(['4300', 'migrant']);
  });

  it('reads a short form as the word it stands for, only where it has one meaning', () => {
    expect(terms("the repo's config file")).toEqual(terms('the repository configuration file'));
    expect(terms('max size')).toEqual(terms('maximum size'));
    // "30 min" is minutes as often as a minimum.
    expect(terms('min')).not.toEqual(terms('minimum'));
  });
});
