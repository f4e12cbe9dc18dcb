import { recordFields, type Field } from '../text/records.js';
import type { Cell } from '../text/tables.js';
import type { Evidence } from './evidence.js';
import { lineOf } from './structured.js';
import { missingNames, saysName, timesOfDay } from './unsaid.js';

/**
 * A timetable written one stop per row (as a CSV exports it: "stop: Thornby Green; dep_1: 06:31; …")
 * answers "if I catch the 11:35 from Ashbridge, when am I at Cresswell Crossroads?" across two rows:
 * the row giving the time asked from, and the row of the stop asked about, in the same column.
 * No one row says both, so each alone would leave a name of the question unsaid.
 */

interface Row {
  evidence: Evidence;
  fields: Field[];
}

const clockOf = (text: string) => {
  const [time] = timesOfDay(text);
  return time && time.end - time.start === text.trim().length ? time.clock : undefined;
};

/** The values that say what a row is about (stop, days, direction), not the times it lists. */
const described = (row: Row) => row.fields.filter((f) => f.value.text !== '' && clockOf(f.value.text) === undefined);

/** The one field two rows differ in, among those saying what they are about; none when they differ in more. */
function onlyDifference(a: Row, b: Row): Field | undefined {
  const aOf = new Map(described(a).map((f) => [f.key, f.value.text]));
  const bFields = described(b);
  const sameKeys = bFields.length === aOf.size && bFields.every((f) => aOf.has(f.key));
  const differing = bFields.filter((f) => aOf.get(f.key) !== f.value.text);
  return sameKeys && differing.length === 1 ? differing[0] : undefined;
}

/** The time in the other row's column, when the question names a time one row gives and the stop another row is about. */
export function acrossRows(question: string, evidence: Evidence[]): { cell: Cell; evidence: Evidence } | undefined {
  const asked = new Set(timesOfDay(question).map((t) => t.clock));
  if (asked.size === 0) return undefined;
  const rows = new Map<string, Row>();
  for (const e of evidence) {
    const line = lineOf(e);
    const place = `${e.passage.chunk.id}:${line.start}`;
    // A line holds several sentences: read it as a record once.
    if (rows.has(place)) continue;
    const fields = recordFields(line.text, line.start);
    if (fields.length > 0) rows.set(place, { evidence: e, fields });
  }
  const all = [...rows.values()];
  // The row the question's time is read from: it gives that time and leaves the fewest of the question's names unsaid.
  const unsaid = (row: Row) =>
    missingNames(
      question,
      described(row)
        .map((f) => f.value.text)
        .join('; '),
    ).length;
  const from = all
    .filter((row) => row.fields.some((f) => asked.has(clockOf(f.value.text) ?? '')))
    .sort((a, b) => unsaid(a) - unsaid(b))[0];
  if (!from) return undefined;
  const column = from.fields.find((f) => asked.has(clockOf(f.value.text) ?? ''))!.key;
  for (const row of all) {
    if (row === from || row.evidence.passage.chunk.source !== from.evidence.passage.chunk.source) continue;
    const other = onlyDifference(from, row);
    const cell = row.fields.find((f) => f.key === column)?.value;
    if (other && cell && clockOf(cell.text) && saysName(question, other.value.text))
      return { cell, evidence: row.evidence };
  }
  return undefined;
}
