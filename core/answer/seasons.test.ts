import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';
import { askedSeason, outOfSeason } from './seasons.js';

describe('seasons', () => {
  it('reads the season a question names and the months of a date phrase', async () => {
    const spring = askedSeason('When are the parents evenings in the spring?')!;
    expect(spring).toEqual([3, 4, 5]);
    expect(askedSeason('When does spring cleaning start?')).toBeUndefined();
    expect(outOfSeason('16 October 2025', spring)).toBe(true);
    expect(outOfSeason('19 March 2026', spring)).toBe(false);
    expect(outOfSeason('2026-04-01', spring)).toBe(false);
    // No month named, or a word that only begins like one: nothing to rule out.
    expect(outOfSeason('2026', spring)).toBe(false);
    expect(outOfSeason('the Mayor', spring)).toBe(false);
  });

  it('answers with the dates in the season asked about', async () => {
    const text =
      "Parents' evenings are held on 14 and 16 October 2025 and 17 and 19 March 2026, and you will receive a written report in July.";
    const chunk: Chunk = {
      id: 0,
      source: 'faq.html',
      startLine: 1,
      endLine: 1,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    const passages: Passage[] = [{ chunk, score: 1 }];
    const answerer = new ExtractiveAnswerer(() => 1);
    // The learned reader chooses how much of the date list to give; the season decides which dates.
    const spring = (await answerer.extract("When are the parents' evenings in the spring?", passages)).answer;
    expect(spring).toContain('March 2026');
    expect(spring).not.toContain('October');
    const autumn = (await answerer.extract("When are the parents' evenings in the autumn?", passages)).answer;
    expect(autumn).toContain('16 October');
    expect(autumn).not.toContain('March');
  });
});
