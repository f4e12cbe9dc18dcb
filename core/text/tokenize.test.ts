import { describe, expect, it } from 'vitest';
import { terms, words } from './tokenize.js';

describe('terms', () => {
  it('reads days by name: a short form as the day, a run of days as each day in it', () => {
    expect(terms('days: Sat')).toContain(terms('Saturday')[0]);
    const weekdays = terms('days: Mon-Fri');
    for (const day of ['Monday', 'Tuesday', 'Friday', 'weekday']) expect(weekdays).toContain(terms(day)[0]);
    expect(weekdays).not.toContain(terms('Saturday')[0]);
    expect(terms('open Saturday to Sunday')).toContain(terms('weekend')[0]);
    // Lower case, "sat" and "sun" are other words.
    expect(terms('He sat in the sun')).not.toContain(terms('Saturday')[0]);
    expect(terms('He sat in the sun')).not.toContain(terms('Sunday')[0]);
  });

  it('reads an amount with zero pence as the whole amount, and keeps other numbers as written', () => {
    expect(terms('more than £15.00 in debt')).toContain('15');
    expect(terms('version 2.0 and £15.50 and 4,300')).toEqual(expect.arrayContaining(['2.0', '15.50', '4300']));
  });

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
