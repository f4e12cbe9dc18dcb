import { describe, expect, it } from 'vitest';
import { candidates } from './candidates.js';

const texts = (sentence: string) => candidates(sentence).map((c) => c.text);

describe('candidates', () => {
  it('offers a currency code only with its amount', () => {
    const found = texts('Their quote is GBP 18,400; the insurer will pay it less our GBP 1,000 excess.');
    expect(found).toContain('GBP 1,000');
    expect(found).not.toContain('GBP');
  });

  it('offers a telephone number whole, as a phone number, and never its groups as counts', () => {
    const found = candidates('Phone the absence line on 01632 960 712 (press 1) or +1 415 555 0142 before 09:15.');
    const typed = (text: string) => [...(found.find((c) => c.text === text)?.types ?? [])];
    expect(typed('01632 960 712')).toEqual(['phone']);
    expect(typed('+1 415 555 0142')).toEqual(['phone']);
    expect(found.some((c) => ['01632', '960', '712', '415'].includes(c.text))).toBe(false);
    // Too few digits for a telephone number: a date or sum stays what it was.
    expect(typed('2025 12')).not.toContain('phone');
  });

  it('reads "St" opening a name as part of it, never as a place alone', () => {
    const found = candidates("The nativity has moved to St Anne's Church on Larkfield Lane.");
    expect(found.find((c) => c.text === "St Anne's Church")?.types.has('place')).toBe(true);
    expect(found.some((c) => c.text === 'St')).toBe(false);
  });

  it('reads a name wrapped over the lines of a quoted e-mail as one', () => {
    const found = texts('> could take one from Carrow\n> Street (2321 is the obvious one) and cover the peak');
    expect(found).toContain('Carrow\n> Street');
    expect(found.some((t) => t.startsWith('>'))).toBe(false);
  });

  it("offers opening hours whole, but not an event's span, and a temperature below zero with its sign", () => {
    expect(texts('Bring samples Monday to Thursday between 09:00 and 15:00.')).toContain(
      'Monday to Thursday between 09:00 and 15:00',
    );
    expect(texts('The desk is open Mon–Fri, 9 am to 5 pm.')).toContain('Mon–Fri, 9 am to 5 pm');
    expect(texts('From 00:04 to 06:47 UTC no labels printed.')).not.toContain('00:04 to 06:47 UTC');
    expect(texts('The cabinet had warmed to -41 °C.')).toContain('-41 °C');
    expect(texts('## [2.4.0] - 2025-05-06')).not.toContain('- 2025-05-06');
  });

  it('offers "12:00 noon", an amount after its currency code, a deadline by its part of a period and a time with its day whole', () => {
    expect(texts('Keys must be returned by 12:00 noon on the last day.')).toContain('12:00 noon');
    expect(texts('Each flat gets GBP 60 in compensation.')).toContain('GBP 60');
    // An amount takes the word it counts, not a preposition after it ("60 per month" is no "60 per").
    expect(texts('Parking costs 60 per month and 60 in total.')).not.toContain('60 per');
    expect(texts('Parking costs 60 per month and 60 in total.')).not.toContain('60 in');
    expect(texts('The camera will be installed by the end of May.')).toContain('by the end of May');
    expect(texts('Book on ParentPay by 12:00 on Thursday for the following week.')).toContain('12:00 on Thursday');
    expect(texts('Evenings are held on 14 and 16 October 2025 and 17 and 19 March 2026.')).toEqual(
      expect.arrayContaining(['14 and 16 October 2025', '17 and 19 March 2026']),
    );
    expect(texts('Papers are due by 5 pm on Friday 14 March 2026.')).toContain('5 pm on Friday 14 March 2026');
  });

  it('starts what follows a stray closing bracket at its first word', () => {
    expect(texts('## [2.4.0] - 2025-05-06')).toContain('2025-05-06');
    expect(texts('## [2.4.0] - 2025-05-06')).not.toContain('- 2025-05-06');
  });

  it('never offers half a parenthesis', () => {
    const found = texts(
      'In a statement released by the Taliban-controlled Arg (Presidential Palace), Akhund assured the delegation.',
    );
    expect(found).toContain('Arg (Presidential Palace)');
    for (const text of [...found, ...texts('Prices rose 5%) and then fell back (slowly.')]) {
      expect(text.split('(').length, text).toBe(text.split(')').length);
    }
  });

  it('offers no phrase across table cells or holding half a Markdown pair', () => {
    for (const sentence of [
      '| `WATCH` | `0` | `1`: while serving, watch the documents folder and re-index changed files |',
      '- A new **document format** needing a third-party parser: add its extension to the list.',
    ]) {
      const found = texts(sentence);
      expect(found.length, sentence).toBeGreaterThan(0);
      for (const text of found) {
        expect(text, sentence).not.toContain('|');
        for (const marker of ['`', '**']) expect(text.split(marker).length % 2, text).toBe(1);
      }
    }
  });

  it('offers no phrase across a dash setting off a clause, and none ending on one', () => {
    const found = texts('Two teams played in Los Angeles in 2014 — LA Galaxy and Chivas USA — and both drew crowds.');
    expect(found).toContain('LA Galaxy and Chivas USA');
    for (const text of found) expect(text, text).not.toMatch(/[–—]/);
  });

  it('offers dates written in digits as dates', () => {
    const typed = (sentence: string) =>
      candidates(sentence)
        .filter((c) => c.types.has('date'))
        .map((c) => c.text);
    expect(typed('Version 2.9.4 shipped on 2024-08-22, the patch 3.2.10 on 22/09/2024 and 1.10.2025.')).toEqual(
      expect.arrayContaining(['2024-08-22', '22/09/2024', '1.10.2025']),
    );
  });

  it('offers a time of day as a date', () => {
    expect(texts('The handbook says the office opens at 9 am and closes at 5:30 p.m. on weekdays.')).toEqual(
      expect.arrayContaining(['9 am', '5:30 p.m']),
    );
    expect(texts('The ferry leaves at 17:45, or at noon on Sundays.')).toEqual(
      expect.arrayContaining(['17:45', 'noon']),
    );
  });

  it('offers a schedule whole as a date, with its time zone, and no bare unit or clock digits as values', () => {
    const found = candidates(
      'Old snapshots older than 30 days are removed by the cleaner every Friday at 22:15 UTC, and reports go out daily at 6 am.',
    );
    const dates = found.filter((c) => c.types.has('date')).map((c) => c.text);
    expect(dates).toEqual(expect.arrayContaining(['every Friday at 22:15 UTC', '22:15 UTC', 'daily at 6 am']));
    expect(dates).not.toContain('days');
    const numbers = found.filter((c) => c.types.has('number')).map((c) => c.text);
    expect(numbers).toContain('30 days');
    expect(numbers.filter((t) => /^(?:22|15)\b/.test(t))).toEqual([]);
    // A zone is capitals: "10:00 is" is a time and a verb, not Irish time.
    expect(texts('The meeting at 10:00 is held every Monday.')).not.toContain('10:00 is');
  });

  it('offers no phrase across hand-aligned columns or a line label, and keeps a prose colon', () => {
    const row = texts('Ticket: OPS-114        Priority: High        Owner: Dana Whitfield');
    expect(row).toContain('Dana Whitfield');
    for (const text of row) expect(text).not.toMatch(/:\s|\S {2,}\S/);
    expect(row).not.toContain('Priority');
    expect(texts('The region is grouped by shared economic ties: Kent, Surrey and Essex.')).toContain(
      'shared economic ties',
    );
  });

  it('offers no postcode piece or rank of something as an amount, and keeps a percent sign', () => {
    const numbers = (sentence: string) =>
      candidates(sentence)
        .filter((c) => c.types.has('number'))
        .map((c) => c.text);
    expect(numbers('Send it to 12 Mill Lane, Leeds LS2 7QT by the second week.')).not.toEqual(
      expect.arrayContaining(['7QT']),
    );
    expect(numbers('Send it to 12 Mill Lane, Leeds LS2 7QT by the second week.').some((t) => /second/.test(t))).toBe(
      false,
    );
    expect(numbers('A third of members pay 8% of the fee, in 16GB units.')).toEqual(
      expect.arrayContaining(['third', '8%', '16GB units']),
    );
    // A number ends on a digit: the comma after it is the sentence's ("£2.50, late" is none).
    expect(numbers('A new card costs £2.50, late fees are 20p.')).not.toContain('2.50, late');
  });

  it('offers an identifier with digits whole, and none of its digits as a count', () => {
    const found = candidates(
      'Three nodes (db-01, db-04 and db-07) failed during OPS-331, so AES-256 keys were rotated.',
    );
    const ids = found.filter((c) => c.types.has('id')).map((c) => c.text);
    expect(ids).toEqual(expect.arrayContaining(['db-01', 'db-04', 'db-07', 'OPS-331', 'AES-256']));
    expect(found.filter((c) => c.types.has('number')).map((c) => c.text)).toEqual(['Three nodes']);
  });

  it('offers a noun phrase with its hyphenated words whole', () => {
    const found = texts('For example, a non-deterministic Turing machine may branch.');
    expect(found).toContain('non-deterministic Turing machine');
    expect(found.some((t) => t.startsWith('deterministic'))).toBe(false);
  });

  it('keeps offsets that point at the span in the sentence', () => {
    const sentence = 'The tower (built in 1890 by Gustave Eiffel) stands in Paris.';
    for (const c of candidates(sentence)) expect(sentence.slice(c.start, c.end)).toBe(c.text);
    expect(texts(sentence)).toEqual(expect.arrayContaining(['Paris', '1890']));
  });

  it('offers no list or section number opening a sentence as a value', () => {
    const found = texts('3.1  Customer invoices and payment records are kept for seven years.');
    expect(found).toContain('seven years');
    expect(found.some((t) => t.includes('3.1'))).toBe(false);
    expect(texts('2. Run the installer, which needs 120 MB.').some((t) => /^2\b/.test(t))).toBe(false);
    expect(texts('3.5 million people live there.')).toEqual(
      expect.arrayContaining([expect.stringContaining('3.5 million')]),
    );
  });

  it('offers inline code whole, as code, and a path as a path', () => {
    const found = candidates('Run `sudo ./install.sh --force`, then read `/var/log/app.log` and `3` retries.');
    const byText = new Map(found.map((c) => [c.text, c.types]));
    expect([...byText.get('sudo ./install.sh --force')!]).toContain('code');
    expect([...byText.get('/var/log/app.log')!]).toEqual(expect.arrayContaining(['code', 'path']));
    expect([...byText.get('3')!]).toEqual(expect.arrayContaining(['code', 'number']));
  });

  it('offers an amount with its unit after a qualifier, and a day recurring in a period, whole', () => {
    expect(texts('Our target is 15 working days for NovaSeq projects.')).toContain('15 working days');
    expect(texts('The alarm will be tested on the first Monday of each month.')).toContain(
      'first Monday of each month',
    );
  });

  it('offers a duration in several units as one number', () => {
    expect(texts('The outage on 6 February lasted 3 hours 40 minutes.')).toContain('3 hours 40 minutes');
    expect(texts('The warranty runs 1 year and 6 months from delivery.')).toContain('1 year and 6 months');
  });

  it('types a month or weekday named alone as a date, whatever else it was tagged', () => {
    const found = candidates('Hannah summarised the outage at Acme Foods on 6 February, which began on Tuesday.');
    for (const text of ['February', 'Tuesday']) {
      const c = found.find((f) => f.text === text);
      if (c) expect([...c.types], text).toContain('date');
    }
    expect(found.some((f) => f.text === 'February' || f.text === 'Tuesday')).toBe(true);
  });
});
