import { describe, expect, it } from 'vitest';
import { asksOld, changesIn, formerValue, otherSubjectValue, replacedValue } from './changes.js';
import { terms } from '../text/tokenize.js';
import { ExtractiveAnswerer } from './extractive.js';
import type { Chunk } from '../types.js';

const sides = (sentence: string) =>
  changesIn(sentence).map((c) => [sentence.slice(c.old.start, c.old.end), sentence.slice(c.new.start, c.new.end)]);

describe('changes', () => {
  it('reads the old and the new value of a stated change, across a hard wrap and through paths', async () => {
    expect(sides('The local web console moved from port 8080 to port 9443 and is served over HTTPS only.')).toEqual([
      ['port 8080', 'port 9443'],
    ]);
    expect(sides('DECISION: the rate limit goes up from 300 to 600\nrequests per minute from 1 July 2025.')).toEqual([
      ['300', '600'],
    ]);
    expect(sides('The configuration file moved from `/etc/agent.ini` to `/etc/agent.toml`.')).toEqual([
      ['`/etc/agent.ini`', '`/etc/agent.toml`'],
    ]);
    expect(sides('- `corebook reserve` has been renamed to `corebook book`. The old name is gone.')).toEqual([
      ['`corebook reserve`', '`corebook book`'],
    ]);
    expect(sides('The Bioanalyzer was replaced by the TapeStation 4200.')).toEqual([
      ['Bioanalyzer', 'the TapeStation 4200'],
    ]);
    // One verb may govern several changes.
    expect(
      sides('The adult Day Rider goes up from £5.50 to £5.80 and the Weekly Rider from £19.00 to £20.00.'),
    ).toEqual([
      ['£5.50', '£5.80'],
      ['£19.00', '£20.00'],
    ]);
    // A range is no change: nothing was replaced.
    expect(sides('He ruled from 1066 to 1087.')).toEqual([]);
    expect(sides('Flights from London to Paris are cheap.')).toEqual([]);
  });

  it('marks the replaced value for a question about now, and the new one for a question about before', async () => {
    const s = 'Fees rose from $5 to $7 in May.';
    const old = { start: s.indexOf('$5'), end: s.indexOf('$5') + 2 };
    const now = { start: s.indexOf('$7'), end: s.indexOf('$7') + 2 };
    expect([replacedValue(s, old, false), replacedValue(s, now, false)]).toEqual([true, false]);
    expect([replacedValue(s, old, true), replacedValue(s, now, true)]).toEqual([false, true]);
    expect(asksOld('What was the fee before May?')).toBe(true);
    expect(asksOld('What is the fee now?')).toBe(false);
    // Naming a thing by its old name asks what it is now.
    expect(asksOld('What is the command that used to be called corebook reserve?')).toBe(false);
    expect(asksOld('Which tool, formerly known as Helix, books the rooms?')).toBe(false);
  });

  it('tells which thing of a sentence each change is about', async () => {
    const s = 'The adult Day Rider goes up from £5.50 to £5.80 and the Weekly Rider from £19.00 to £20.00.';
    const span = (t: string) => ({ start: s.indexOf(t), end: s.indexOf(t) + t.length });
    const weekly = new Set(terms('What will a Weekly Rider cost?'));
    expect(otherSubjectValue(s, span('£5.80'), weekly)).toBe(true);
    expect(otherSubjectValue(s, span('£20.00'), weekly)).toBe(false);
    const day = new Set(terms('What will the Day Rider cost?'));
    expect(otherSubjectValue(s, span('£5.80'), day)).toBe(false);
    expect(otherSubjectValue(s, span('£20.00'), day)).toBe(true);
    // One change: nothing else it could be about.
    expect(otherSubjectValue('Fees rose from $5 to $7 in May.', { start: 20, end: 22 }, weekly)).toBe(false);
    const answerer = new ExtractiveAnswerer(() => 1);
    const chunk: Chunk = {
      id: 0,
      source: 'minutes.md',
      startLine: 1,
      endLine: 1,
      startOffset: 0,
      endOffset: s.length,
      text: s,
    };
    expect((await answerer.extract('What will a Weekly Rider cost?', [{ chunk, score: 1 }])).answer).toBe('£20.00');
    expect((await answerer.extract('What will a Day Rider cost?', [{ chunk, score: 1 }])).answer).toBe('£5.80');
  });

  it('reads what a sentence says held before as replaced', async () => {
    const s =
      'From 1 April it is open Monday to Friday from 10:00 to 16:00 (it was previously open from 09:00 to 17:00).';
    const span = (t: string) => ({ start: s.indexOf(t), end: s.indexOf(t) + t.length });
    expect(replacedValue(s, span('09:00'), false)).toBe(true);
    expect(replacedValue(s, span('10:00'), false)).toBe(false);
    expect(replacedValue(s, span('09:00'), true)).toBe(false);
    const fee = 'This was increased from £2.00 on 1 April 2025.';
    expect(formerValue(fee, { start: fee.indexOf('£2.00'), end: fee.indexOf('£2.00') + 5 })).toBe(true);
    expect(formerValue('He worked from 9 to 5.', { start: 15, end: 16 })).toBe(false);
  });

  it('answers with the value in force, or the old one when asked what it was before', async () => {
    const text =
      'Release notes for 3.0.\nThe web console moved from port 8080 to port 9443 and is served over HTTPS only.';
    const chunk: Chunk = {
      id: 0,
      source: 'notes.md',
      startLine: 1,
      endLine: 2,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    const answerer = new ExtractiveAnswerer(() => 1);
    expect((await answerer.extract('Which port does the web console use now?', [{ chunk, score: 1 }])).answer).toBe(
      '9443',
    );
    expect(
      (await answerer.extract('Which port did the web console use before 3.0?', [{ chunk, score: 1 }])).answer,
    ).toBe('8080');
    const hours =
      'The lost property counter is inside the Travel Shop. From 1 April 2025 it is open Monday to Friday from 10:00 to 16:00 (it was previously open from 09:00 to 17:00).';
    const counter: Chunk = { ...chunk, text: hours, endOffset: hours.length };
    // The hours in force, not the ones replaced; how much of the schedule the phrase takes is the trees' choice.
    const now = (
      await answerer.extract('What hours is the lost property counter open now?', [{ chunk: counter, score: 1 }])
    ).answer;
    expect(now).toMatch(/16:00/);
    expect(now).not.toMatch(/09:00|17:00/);
    const fees =
      'A handling fee of £3.00 per item is charged on collection. This was increased from £2.00 on 1 April 2025.';
    const fee: Chunk = { ...chunk, text: fees, endOffset: fees.length };
    expect(
      (await answerer.extract('What was the collection fee before April 2025?', [{ chunk: fee, score: 1 }])).answer,
    ).toBe('£2.00');
    expect((await answerer.extract('What is the collection fee?', [{ chunk: fee, score: 1 }])).answer).toBe('£3.00');
  });
});
