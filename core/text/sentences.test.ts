import { describe, expect, it } from 'vitest';
import { sentences } from './sentences.js';
import { terms } from './tokenize.js';

describe('sentences', () => {
  it('keeps exact offsets and does not break after titles, initials or abbreviations', () => {
    const text = 'Mr. Zardari met Dr. Smith in the U.S. on Oct. 31st.  J. Doe agreed!\nA title line\nLast one?';
    const out = sentences(text);
    expect(out.map((s) => s.text)).toEqual([
      'Mr. Zardari met Dr. Smith in the U.S. on Oct. 31st.',
      'J. Doe agreed!',
      'A title line',
      'Last one?',
    ]);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("drops the marker of a list's first item after a line introducing the list, not a numbered heading's", () => {
    const list =
      'If your child is ill, you must let us know:\n\n1. Phone the absence line before 09:15.\n2. Give the reason.';
    const out = sentences(list).map((s) => s.text);
    expect(out).toEqual([
      'If your child is ill, you must let us know:',
      'Phone the absence line before 09:15.',
      '2.',
      'Give the reason.',
    ]);
    expect(sentences('Apologies: Raj Patel\n\n1. Q1 budget').map((s) => s.text)).toEqual([
      'Apologies: Raj Patel',
      '1.',
      'Q1 budget',
    ]);
  });

  it('ends a sentence before one opening with a number, which the segmenter runs on into, but not after an abbreviation', () => {
    const text = 'They went out a day late. 38 customers were affected. See No. 5 and approx. 12 more.';
    expect(sentences(text).map((s) => s.text)).toEqual([
      'They went out a day late.',
      '38 customers were affected.',
      'See No. 5 and approx. 12 more.',
    ]);
    for (const s of sentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('reads a line that only wraps a long sentence as running on, and keeps other line breaks', () => {
    const text = [
      '# Limits',
      '- **Skipped**: a file over the size limit, slower than the time limit, or a scanned PDF with no',
      '  text, or of an unsupported type is listed. The run goes on.',
      'name: Ada; role: engineer and pilot of the first flight',
      'name: Bob; role: navigator',
      '```',
      'const limit = computeTheLimitFromSettings(settings)',
      'return limit',
      '```',
      'This paragraph was wrapped by an editor at a width',
      'and ends here.',
    ].join('\r\n');
    const out = sentences(text);
    expect(out.map((s) => s.text)).toEqual([
      '# Limits',
      '- **Skipped**: a file over the size limit, slower than the time limit, or a scanned PDF with no\r\n  text, or of an unsupported type is listed.',
      'The run goes on.',
      'name: Ada; role: engineer and pilot of the first flight',
      'name: Bob; role: navigator',
      '```',
      'const limit = computeTheLimitFromSettings(settings)',
      'return limit',
      '```',
      'This paragraph was wrapped by an editor at a width\r\nand ends here.',
    ]);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('reads a line filling the width a text is wrapped at as running on, even into a capital, but not aligned columns', () => {
    const text = [
      'Incident: INC-4417            Severity: Sev-1            Status: closed',
      'Date of incident: Thursday 12 June 2025',
      '',
      'From 00:04 to 06:47 UTC on 12 June, warehouses running Edge Agent 2.x',
      'could not print shipping labels for nearly seven hours in the morning.',
      'The agents failed because the certificate had expired. Warehouses on Edge',
      'Agent 3.0 kept printing: 3.0 fetches labels through the new label',
      'gateway, which has its own certificate.',
    ].join('\n');
    const found = sentences(text).map((s) => s.text.replace(/\s*\n\s*/g, ' '));
    expect(found).toContain(
      'Warehouses on Edge Agent 3.0 kept printing: 3.0 fetches labels through the new label gateway, which has its own certificate.',
    );
    expect(found).toContain('Date of incident: Thursday 12 June 2025');
  });

  it('reads a text of hundreds of thousands of lines (a long log) without overflowing the stack', () => {
    const log = Array.from({ length: 200_000 }, (_, i) => `Entry ${i} of a very long log file that keeps going`).join(
      '\n',
    );
    expect(sentences(log).length).toBeGreaterThan(0);
  });

  it('reads a wrapped line stopping on a word that needs more as running on, even into a capital', () => {
    const text = [
      '    Records subject to a legal hold must not be destroyed. Holds are issued only by the',
      '    General Counsel.',
      'Limits that apply to every file uploaded to the server and',
      '- a list item after it',
      'name: Ada; role: engineer and pilot of the first flight of the',
      'Name: Bob; role: navigator',
    ].join('\n');
    const out = sentences(text);
    expect(out.map((s) => s.text)).toEqual([
      'Records subject to a legal hold must not be destroyed.',
      'Holds are issued only by the\n    General Counsel.',
      'Limits that apply to every file uploaded to the server and',
      '- a list item after it',
      'name: Ada; role: engineer and pilot of the first flight of the',
      'Name: Bob; role: navigator',
    ]);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('splits a very long line the same way, sentences whole across the pieces it is read in', () => {
    const sentence = 'Dr. Okonkwo met J. R. Dubois in the U.S. on Oct. 3 and they talked at length.';
    const text = Array.from({ length: 400 }, () => sentence).join(' ');
    const out = sentences(text);
    expect(out).toHaveLength(400);
    expect(new Set(out.map((s) => s.text))).toEqual(new Set([sentence]));
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('cuts a line where every stop ends an abbreviation into sentences of bounded length, not one of the whole line', () => {
    // Joined whole, 50 KB of "Dr. … Mr. …" was one sentence, and answering over it took over a minute.
    const text = 'Dr. Maria Okonkwo met Mr. '.repeat(2_000);
    const out = sentences(text);
    // No longer than the windows the splitter reads a long line in (2,000 characters).
    expect(Math.max(...out.map((s) => s.text.length))).toBeLessThanOrEqual(2_000);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(out.map((s) => s.text).join(' ')).toBe(text.trim());
  });
});

describe('terms', () => {
  it('lowercases, drops stop words, stems, and splits hyphenated words', () => {
    expect(terms('The Deportations of MIGRANTS were deported')).toEqual(['deport', 'migrant', 'deport']);
    expect(terms('fibre-optic 4,300')).toEqual(['fibre-opt', 'fibr', 'optic', '4300']);
  });
});
