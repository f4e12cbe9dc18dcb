import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';

// As the CSV loader writes a timetable with one stop per row.
const ROWS = [
  'route: 14; days: Mon-Fri; stop: Ashbridge Bus Station; dep_1: 06:10; dep_2: 11:35; dep_3: 15:35',
  'route: 14; days: Mon-Fri; stop: Cresswell Crossroads; dep_1: 06:40; dep_2: 12:05; dep_3: 16:11',
  'route: 14; days: Sat; stop: Ashbridge Bus Station; dep_1: 07:35; dep_2: 15:35; dep_3: 17:35',
  'route: 14; days: Sat; stop: Thornby Green; dep_1: 07:55; dep_2: 15:56; dep_3: 17:55',
];

function passages(rows: string[], source = 'route-14.csv'): Passage[] {
  return rows.map((text, id) => {
    const chunk: Chunk = {
      id,
      source,
      startLine: id + 1,
      endLine: id + 1,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    return { chunk, score: 1 / (1 + id) };
  });
}

// As a corpus weighs them: the places are rare words, "catch", "time" and "reach" common ones.
const answerer = new ExtractiveAnswerer((term) => (['catch', 'time', 'reach', 'get'].includes(term) ? 0.3 : 2));

describe('a timetable read across rows', () => {
  it("answers with the other stop's time in the column of the time asked from", async () => {
    const weekday = await answerer.extract(
      'If I catch the 11:35 from Ashbridge on a Tuesday, what time will I be at Cresswell Crossroads?',
      passages(ROWS),
    );
    expect(weekday.answer).toBe('12:05');
    expect(weekday.citations[0]).toMatchObject({ startLine: 2 });
  });

  it('reads the time from the row of the day asked about: 15:35 on a Saturday is not the weekday 15:35', async () => {
    expect(
      (
        await answerer.extract(
          'On a Saturday, if I get on the 15:35 at Ashbridge, when will I reach Thornby Green?',
          passages(ROWS),
        )
      ).answer,
    ).toBe('15:56');
  });

  it('does not join rows that differ in more than the stop (another day) or a stop the question does not name', async () => {
    // Thornby Green runs on Saturdays only here: the weekday 11:35 has no Thornby Green time.
    expect(
      (
        await answerer.extract(
          'If I catch the 11:35 from Ashbridge on a Tuesday, when will I reach Thornby Green?',
          passages(ROWS),
        )
      ).abstained,
    ).toBe(true);
  });
});
