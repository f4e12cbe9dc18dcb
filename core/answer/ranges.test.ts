import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from './extractive.js';
import { asksRangeEnd, asksSeriesEnd, otherEnd, seriesEnd } from './ranges.js';
import type { Chunk } from '../types.js';

const at = (sentence: string, text: string) => ({
  start: sentence.indexOf(text),
  end: sentence.indexOf(text) + text.length,
});

describe('ranges', () => {
  it('tells which end of a range a question asks for', async () => {
    expect(asksRangeEnd('What time does the office shut on Saturdays?')).toBe('end');
    expect(asksRangeEnd('How late is the pool open on Sundays?')).toBe('end');
    expect(asksRangeEnd('Until when is the office open?')).toBe('end');
    expect(asksRangeEnd('When does the office open on Saturdays?')).toBe('start');
    // The whole range, or no range at all.
    expect(asksRangeEnd('What are the opening hours on Saturdays?')).toBeUndefined();
    expect(asksRangeEnd('What hours is the counter open now?')).toBeUndefined();
    expect(asksRangeEnd('When is the counter open?')).toBeUndefined();
    expect(asksRangeEnd('When did label printing start working again?')).toBeUndefined();
    // A child is picked up, and a trip gets back, at the end.
    expect(asksRangeEnd('What time should I pick my daughter up from cooking club?')).toBe('end');
    expect(asksRangeEnd('What time will Year 2 get back from the fire station?')).toBe('end');
  });

  it("reads a record's two times of day as a range, and its answer as the end asked for", async () => {
    const club = 'club: Cooking; day: Tuesday; start: 15:20; end: 16:45; places: 10';
    expect(otherEnd(club, at(club, '15:20'), 'end')).toBe(true);
    expect(otherEnd(club, at(club, '16:45'), 'end')).toBe(false);
    const trip =
      'trip_id: T-2503; year_group: Year 2; destination: Hensbury Fire Station; date: 2026-01-21; depart: 10:00; return: 11:45';
    const chunk = (text: string): Chunk => ({
      id: 0,
      source: 'rows.csv',
      startLine: 1,
      endLine: 1,
      startOffset: 0,
      endOffset: text.length,
      text,
    });
    const answerer = new ExtractiveAnswerer(() => 1);
    expect(
      (
        await answerer.extract('What time should I pick my daughter up from cooking club on Tuesday?', [
          { chunk: chunk(club), score: 1 },
        ])
      ).answer,
    ).toBe('16:45');
    expect(
      (
        await answerer.extract('What time will Year 2 get back from Hensbury Fire Station?', [
          { chunk: chunk(trip), score: 1 },
        ])
      ).answer,
    ).toBe('11:45');
    expect(
      (
        await answerer.extract('What time does the Year 2 trip to Hensbury Fire Station leave?', [
          { chunk: chunk(trip), score: 1 },
        ])
      ).answer,
    ).toBe('10:00');
    // A price written like a time ("12.00" under cost_per_pupil) is no end of the range.
    const priced =
      'trip_id: T-2507; year_group: Year 3; destination: Stonebridge Castle; depart: 09:00; return: 15:15; cost_per_pupil: 12.00';
    expect(
      (
        await answerer.extract('What time will Year 3 get back from Stonebridge Castle?', [
          { chunk: chunk(priced), score: 1 },
        ])
      ).answer,
    ).toBe('15:15');
  });

  it('marks the end of a range the question does not want', async () => {
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

  it('answers when it shuts with the end of the range and when it opens with the start', async () => {
    const text =
      '## Our office\n\nThe front desk is open Monday to Friday, 9:00–17:30, and on Saturdays from 10:00 to 13:00.';
    const chunk: Chunk = {
      id: 0,
      source: 'handbook.md',
      startLine: 1,
      endLine: 3,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    const answerer = new ExtractiveAnswerer(() => 1);
    expect(
      (await answerer.extract('What time does the front desk shut on Saturdays?', [{ chunk, score: 1 }])).answer,
    ).toBe('13:00');
    expect(
      (await answerer.extract('What time does the front desk open on Saturdays?', [{ chunk, score: 1 }])).answer,
    ).toBe('10:00');
  });

  it('reads the first or last of a series of times, not of a range or a single time', async () => {
    expect(asksSeriesEnd('What time does the first Saturday bus leave?')).toBe('first');
    expect(asksSeriesEnd('When is the latest train?')).toBe('last');
    expect(asksSeriesEnd('When does the bus leave?')).toBeUndefined();
    const row = 'days: Sat; stop: Ashbridge; dep_1: 07:35; dep_2: 09:35; dep_3: 11:35';
    expect(seriesEnd(row, at(row, '07:35'), 'first')).toBe(true);
    expect(seriesEnd(row, at(row, '11:35'), 'last')).toBe(true);
    expect(seriesEnd(row, at(row, '09:35'), 'first')).toBe(false);
    // Two times are a range, not a series.
    const two = 'Open from 10:00 to 13:00.';
    expect(seriesEnd(two, at(two, '10:00'), 'first')).toBe(false);
  });

  it('answers the first or last departure from a timetable row', async () => {
    const text = [
      'route: 14; days: Mon-Fri; stop: Ashbridge Bus Station; dep_1: 06:10; dep_2: 07:05; dep_3: 08:05; dep_4: 17:40',
      'route: 14; days: Sat; stop: Ashbridge Bus Station; dep_1: 07:35; dep_2: 09:35; dep_3: 11:35; dep_4: ',
    ].join('\n');
    const chunk: Chunk = {
      id: 0,
      source: 'route-14.csv',
      startLine: 1,
      endLine: 2,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    const answerer = new ExtractiveAnswerer(() => 1);
    expect(
      (
        await answerer.extract('What time does the first Saturday 14 leave Ashbridge Bus Station?', [
          { chunk, score: 1 },
        ])
      ).answer,
    ).toBe('07:35');
    expect(
      (await answerer.extract('When does the last weekday 14 leave Ashbridge Bus Station?', [{ chunk, score: 1 }]))
        .answer,
    ).toBe('17:40');
    expect(
      (await answerer.extract('When does the last Saturday 14 leave Ashbridge Bus Station?', [{ chunk, score: 1 }]))
        .answer,
    ).toBe('11:35');
  });
});
