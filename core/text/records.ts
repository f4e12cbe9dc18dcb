import type { Cell } from './tables.js';

/** A field of a record line: its key, and its value with offsets in the text. */
export interface Field {
  key: string;
  value: Cell;
}

/**
 * "key: value" at a line's start or after "; ", as the CSV and JSON loaders write records, or after
 * a run of spaces, as a form or report header aligns them ("Incident: INC-2291     Severity: Sev-2").
 * Keys and values never hold such a run.
 */
const FIELD = /(?:^|;\s|(?<=\S)(?: {2,}|\t))((?:(?! {2,}|\t)[^:;\n]){1,60}):\s((?:(?! {2,}|\t)[^;\n])*)/g;

/**
 * The fields of a record line ("name: Ada; role: engineer", see ingest/loaders/records.ts), with
 * offsets from `start`; nothing for a line that is not one (it must open with a field and have two).
 */
export function recordFields(line: string, start = 0): Field[] {
  if (!/^[^:;\n]{1,60}:\s/.test(line)) return [];
  const out: Field[] = [];
  for (const m of line.matchAll(FIELD)) {
    const text = m[2]!.trimEnd();
    const at = m.index + m[0].length - m[2]!.length;
    out.push({ key: m[1]!.trim(), value: { text, start: start + at, end: start + at + text.length } });
  }
  return out.length >= 2 ? out : [];
}
