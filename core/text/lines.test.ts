import { describe, expect, it } from 'vitest';
import { asOneLine, LineMap, withoutQuoteMarkers } from './lines.js';

describe('lines', () => {
  it('maps offsets to 1-based lines', () => {
    const map = new LineMap('a\nbc\n\nd');
    expect([0, 1, 2, 4, 5, 6].map((o) => map.lineOf(o))).toEqual([1, 1, 2, 2, 3, 4]);
  });

  it('reads a wrapped phrase as one line, quote markers of an e-mail included', () => {
    expect(asOneLine('from Carrow\n> Street depot')).toBe('from Carrow Street depot');
    expect(asOneLine('the 6-weekly\n     inspection sheet')).toBe('the 6-weekly inspection sheet');
    expect(asOneLine('a > b')).toBe('a > b');
  });

  it('reads quote markers as spaces, keeping every offset', () => {
    const text = '> take one from Carrow\n>> Street (2321)';
    const read = withoutQuoteMarkers(text);
    expect(read).toHaveLength(text.length);
    expect(read).toBe('  take one from Carrow\n   Street (2321)');
    expect(withoutQuoteMarkers('if x > 5 then')).toBe('if x > 5 then');
  });
});
