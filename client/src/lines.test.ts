import { describe, expect, it } from 'vitest';
import { locateQuote } from './lines.js';

describe('locateQuote', () => {
  const lines = ['Title', '', 'The probe was built in Tucson.', 'It launched in 2031.'];

  it('leaves a quote that is still on its cited lines in place', () => {
    expect(locateQuote(lines, 'built in Tucson', 3, 3)).toEqual({ found: 'in-place' });
  });

  it('finds a quote that moved after lines were added above it', () => {
    expect(locateQuote(['New line', 'Another', ...lines], 'It launched in 2031.', 4, 4)).toEqual({
      found: 'moved',
      startLine: 6,
      endLine: 6,
    });
  });

  it('spans the lines of a quote that crosses a line break', () => {
    expect(locateQuote(['x', ...lines], 'Tucson.\nIt launched', 3, 4)).toEqual({
      found: 'moved',
      startLine: 4,
      endLine: 5,
    });
  });

  it('picks the occurrence nearest the cited line', () => {
    const repeated = ['Yes.', 'a', 'b', 'c', 'Yes.', 'd'];
    expect(locateQuote(repeated, 'Yes.', 4, 4)).toEqual({ found: 'moved', startLine: 5, endLine: 5 });
  });

  it('says when the quote is gone', () => {
    expect(locateQuote(lines, 'built in Phoenix', 3, 3)).toEqual({ found: 'missing' });
  });
});
