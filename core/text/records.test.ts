import { describe, expect, it } from 'vitest';
import { recordFields } from './records.js';

describe('recordFields', () => {
  it('reads a record line as the CSV and JSON loaders write it, with offsets', () => {
    const line = 'name: Grace Hopper; role: admiral; address.city: New York';
    const fields = recordFields(line, 100);
    expect(fields.map((f) => [f.key, f.value.text])).toEqual([
      ['name', 'Grace Hopper'],
      ['role', 'admiral'],
      ['address.city', 'New York'],
    ]);
    for (const f of fields) expect(line.slice(f.value.start - 100, f.value.end - 100)).toBe(f.value.text);
  });

  it('reads fields a header aligns with runs of spaces', () => {
    const fields = recordFields('Ticket: OPS-114        Priority: High        Owner: Dana Whitfield');
    expect(fields.map((f) => [f.key, f.value.text])).toEqual([
      ['Ticket', 'OPS-114'],
      ['Priority', 'High'],
      ['Owner', 'Dana Whitfield'],
    ]);
  });

  it('finds no record in prose, a single "Note: …" line, or a heading', () => {
    expect(recordFields('The committee met in Geneva; it was chaired by Okonkwo.')).toEqual([]);
    expect(recordFields('Note: the office is closed on Fridays.')).toEqual([]);
    expect(recordFields('# Settings')).toEqual([]);
  });
});
