import { describe, expect, it } from 'vitest';
import { isoDateMonths, MONTH, monthNumber } from './months.js';

describe('months', () => {
  it('numbers a month by its name or short form, and nothing else', () => {
    expect([monthNumber('March'), monthNumber('sept.'), monthNumber('Dec'), monthNumber('may')]).toEqual([3, 9, 12, 5]);
    expect([monthNumber('Mayor'), monthNumber('market')]).toEqual([undefined, undefined]);
  });

  it('reads the months of ISO dates, and offers a pattern for dates written out', () => {
    expect(isoDateMonths('reported 2025-07-14, fixed 2025-08-01')).toEqual([7, 8]);
    expect(new RegExp(`^${MONTH}$`).test('Sept.')).toBe(true);
    expect(new RegExp(`^${MONTH}$`).test('Mayor')).toBe(false);
  });
});
