import { describe, expect, it } from 'vitest';
import type { Chunk } from '../location.js';
import { documentTitles, suggestedQuestions } from './overview.js';
import { shorten } from './shorten.js';

let id = 0;
function chunk(source: string, text: string, extra: Partial<Chunk> = {}): Chunk {
  const startOffset = extra.startOffset ?? 0;
  return {
    id: ++id,
    source,
    text,
    startLine: 1,
    endLine: text.split('\n').length,
    startOffset,
    endOffset: startOffset + text.length,
    ...extra,
  };
}

const fees = chunk('fees.md', '# **Ferry fees**\n\nThe ferry fee is 12 EUR for adults and 6 EUR for children.');
const feesLater = chunk('fees.md', 'Ferry season tickets cost 90 EUR and cover every ferry.', {
  startOffset: 200,
  section: 'Ferry fees > Season tickets',
});
const timetable = chunk('timetable.txt', 'The first ferry leaves Pier 4 at 6 am, and the ferry runs hourly.\nMore.');
const copy = chunk('a/dup.txt', 'Other text.', { alsoIn: [{ ...timetable, source: 'b/dup.txt' }] });

describe('documentTitles', () => {
  it('takes each document’s first heading or first line, bare of Markdown', () => {
    expect(documentTitles([feesLater, fees, timetable, copy])).toEqual({
      'fees.md': 'Ferry fees',
      'timetable.txt': 'The first ferry leaves Pier 4 at 6 am, and the ferry runs hourly.',
      'a/dup.txt': 'Other text.',
      'b/dup.txt': 'Other text.',
    });
  });
});

describe('suggestedQuestions', () => {
  it('asks about the most central passages, one document each first, from headings or first sentences', () => {
    const questions = suggestedQuestions([fees, feesLater, timetable]);
    expect(questions).toHaveLength(3);
    expect(new Set(questions).size).toBe(3);
    expect(questions).toContain('What do the documents say about “Ferry fees”?');
    expect(questions).toContain('What do the documents say about “Season tickets”?');
    expect(questions).toContain(
      'Tell me more about this: “The first ferry leaves Pier 4 at 6 am, and the ferry runs hourly.”',
    );
  });

  it('gives none for an empty index', () => {
    expect(suggestedQuestions([])).toEqual([]);
  });
});

describe('shorten', () => {
  it('cuts at a word with an ellipsis', () => {
    expect(shorten('one two three four five six', 15)).toBe('one two three…');
    expect(shorten('short', 15)).toBe('short');
  });
});
