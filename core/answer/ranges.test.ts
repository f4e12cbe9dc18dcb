import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from './extractive.js';
import { asksRangeEnd, otherEnd } from './ranges.js';
import type { Chunk } from '../types.js';

const at = (sentence: string, text: string) => ({ start: sentence.indexOf(text), end: sentence.indexOf(text) + text.length });

describe('ranges', () => {
  it('tells which end of a range a question asks for', () => {
    expect(asksRangeEnd('What time does the office shut on Saturdays?')).toBe('end');
    expect(asksRangeEnd('How late is the pool open on Sundays?')).toBe('end');
    expect(asksRangeEnd('Until when is the office open?')).toBe('end');
    expect(asksRangeEnd('When does the office open on Saturdays?')).toBe('start');
    // The whole range, or no range at all.
    expect(asksRangeEnd('What are the opening hours on Saturdays?')).toBeUndefined();
    expect(asksRangeEnd('What hours is the counter open now?')).toBeUndefined();
    expect(asksRangeEnd('When is the counter open?')).toBeUndefined();
    expect(asksRangeEnd('When did label printing start working again?')).toBeUndefined();
  });

  it('marks the end of a range the question does not want', () => {
    const s = 'The desk is open Monday to Friday, 9:00–17:30, and on Saturdays from 10:00 to 13:00.';
    expect(otherEnd(s, at(s, '10:00'), 'end')).toBe(true);
    expect(otherEnd(s, at(s, '13:00'), 'end')).toBe(false);
    expect(otherEnd(s, at(s, '9:00–17:30'), 'end')).toBe(true);
    expect(otherEnd(s, at(s, '13:00'), 'start')).toBe(true);
    const pm = 'Collections run between 8 am and 6 pm.';
    expect(otherEnd(pm, at(pm, '8 am'), 'end')).toBe(true);
    expect(otherEnd(pm, at(pm, '6 pm'), 'end')).toBe(false);
    // No range: nothing to choose between.
    expect(otherEnd('The office closes at 13:00.', { start: 20, end: 25 }, 'end')).toBe(false);
  });

  it('answers when it shuts with the end of the range and when it opens with the start', () => {
    const text = '## Our office\n\nThe front desk is open Monday to Friday, 9:00–17:30, and on Saturdays from 10:00 to 13:00.';
    const chunk: Chunk = { id: 0, source: 'handbook.md', startLine: 1, endLine: 3, startOffset: 0, endOffset: text.length, text };
    const answerer = new ExtractiveAnswerer(() => 1);
    expect(answerer.extract('What time does the front desk shut on Saturdays?', [{ chunk, score: 1 }]).answer).toBe('13:00');
    expect(answerer.extract('What time does the front desk open on Saturdays?', [{ chunk, score: 1 }]).answer).toBe('10:00');
  });
});
