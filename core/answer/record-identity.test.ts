import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { recordNamedFirst } from './record-identity.js';

const passage = (id: number, source: string, text: string, likelihood: number): Passage => {
  const chunk: Chunk = {
    id,
    source,
    startLine: 1,
    endLine: text.split('\n').length,
    startOffset: 0,
    endOffset: text.length,
    text,
  };
  return { chunk, score: 1 / (1 + id), likelihood };
};

const report = passage(
  0,
  'incident.txt',
  'Bus 2321 was sent to cover. 2321 arrived at 08:45; 2321 then ran the rest of the day.',
  0.7,
);
const other = passage(1, 'minutes.md', 'The depot manager reported on the diversion.', 0.2);
const fleet = passage(
  2,
  'fleet.json',
  'fleet_no: 2319; depot: Carrow Street; seats: 38\nfleet_no: 2321; depot: Fenwick Road; seats: 38',
  0.1,
);

describe('recordNamedFirst', () => {
  it("puts the record the question names by its identity first, with the front passage's likelihood", () => {
    const out = recordNamedFirst('Which depot does bus 2321 work from?', [report, other, fleet]);
    expect(out.map((p) => p.chunk.source)).toEqual(['fleet.json', 'incident.txt', 'minutes.md']);
    expect(out.map((p) => p.likelihood)).toEqual([0.7, 0.1, 0.2]);
  });

  it('leaves the order alone when the question names no field of that record, or no identifier', () => {
    // A repair in flat A-605 names the flat, not the flat's own record (which has no cost field).
    const units = passage(2, 'units.json', 'unit: A-605; block: Alder Court; bedrooms: 2', 0.1);
    const order = (question: string, passages: Passage[]) =>
      recordNamedFirst(question, passages).map((p) => p.chunk.source);
    expect(order('How much did the leak repair in A-605 cost?', [report, other, units])).toEqual([
      'incident.txt',
      'minutes.md',
      'units.json',
    ]);
    expect(order('Which depot runs the diversion buses?', [report, other, fleet])).toEqual([
      'incident.txt',
      'minutes.md',
      'fleet.json',
    ]);
  });
});
