/**
 * The chunks file's table of the fields few chunks have (alsoIn, tableHeading), checked and rebuilt
 * as its zod schema would (ExtrasSchema in the test: keys in the schema's order, unknown ones
 * dropped) but by hand. An index of duplicated files has an entry for each duplicate, and zod took
 * 50 ms of a server's event loop over the 10,000 of a 100k-chunk index, in one go.
 */
import type { ChunkLocation } from '../location.js';

export type Extras = Record<string, { alsoIn?: ChunkLocation[]; tableHeading?: string }>;

const damaged = () => new Error('the tables of the chunks file are damaged');
// z.number().int() accepts safe integers only.
const int = (v: unknown): v is number => Number.isSafeInteger(v);
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function location(v: unknown): ChunkLocation {
  if (!record(v)) throw damaged();
  const { source, startLine, endLine, page, section, startOffset, endOffset } = v;
  if (typeof source !== 'string' || !int(startLine) || !int(endLine) || !int(startOffset) || !int(endOffset))
    throw damaged();
  const out = { source, startLine, endLine } as ChunkLocation;
  if (page !== undefined) {
    if (!int(page) || page <= 0) throw damaged();
    out.page = page;
  }
  if (section !== undefined) {
    if (typeof section !== 'string') throw damaged();
    out.section = section;
  }
  out.startOffset = startOffset;
  out.endOffset = endOffset;
  return out;
}

export function checkedExtras(json: unknown): Extras {
  if (!record(json)) throw damaged();
  const out: Extras = {};
  for (const [key, value] of Object.entries(json)) out[key] = checkedExtra(value);
  return out;
}

/** checkedExtras with a turn of the event loop every `step` entries (a server's load). */
export async function checkedExtrasInSteps(json: unknown, nextTurn: () => Promise<unknown>, step = 1000) {
  if (!record(json)) throw damaged();
  const out: Extras = {};
  let done = 0;
  for (const [key, value] of Object.entries(json)) {
    out[key] = checkedExtra(value);
    if (++done % step === 0) await nextTurn();
  }
  return out;
}

function checkedExtra(value: unknown): Extras[string] {
  if (!record(value)) throw damaged();
  const { alsoIn, tableHeading } = value;
  const extra: Extras[string] = {};
  if (alsoIn !== undefined) {
    if (!Array.isArray(alsoIn)) throw damaged();
    extra.alsoIn = alsoIn.map(location);
  }
  if (tableHeading !== undefined) {
    if (typeof tableHeading !== 'string') throw damaged();
    extra.tableHeading = tableHeading;
  }
  return extra;
}
