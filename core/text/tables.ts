/**
 * Tables in extracted text, as lines: Markdown ("| a | b |" under "| --- | --- |") and tables
 * converted from Word or HTML ("a | b", one row per line, the first row being the heading).
 */

/** A line with its offset in the text it came from. */
export interface Line {
  text: string;
  start: number;
}

/** A cell of a row: its value (without code or emphasis markers) and offsets in the text. */
export interface Cell {
  text: string;
  start: number;
  end: number;
}

const TABLE_LINE = /^\s*\|.*\||\s\|\s/;
/**
 * Markdown's line under the heading: "|---|:--:|". Each run of spaces is matched once: written
 * "\s*\|?\s*", a long run of spaces with no bar between was tried split every way (100,000: 6 s).
 */
const SEPARATOR = /^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$/;

export const isTableLine = (line: string): boolean => TABLE_LINE.test(line);
export const isSeparator = (line: string): boolean => SEPARATOR.test(line);

export function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ text: line.replace(/\r$/, ''), start });
    start += line.length + 1;
  }
  return out;
}

/** Index of the line holding `offset` (the last starting at or before it), by binary search: asked of every sentence of a chunk. */
export function lineIndexAt(lines: Line[], offset: number): number {
  let lo = -1;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A row's cells in order, empty ones included, so a row lines up with its heading. */
export function cellsOf(line: Line): Cell[] {
  const out: Cell[] = [];
  let at = 0;
  for (const part of line.text.split('|')) {
    let lead = /^[`*_\s]*/.exec(part)![0].length;
    let text = part.slice(lead).replace(/[`*_\s]+$/, '');
    // "`700` / `120`" keeps its marks: stripped of the outer ones only, it would read "700` / `120".
    if (/[`*]/.test(text)) {
      lead = part.length - part.trimStart().length;
      text = part.trim();
    }
    out.push({ text, start: line.start + at + lead, end: line.start + at + lead + text.length });
    at += part.length + 1;
  }
  // "| a | b |" has nothing before its first bar and after its last.
  if (line.text.trimStart().startsWith('|')) out.shift();
  if (line.text.trimEnd().endsWith('|')) out.pop();
  return out;
}

/**
 * The heading line of the table whose row is lines[row] (lines of a chunk), or undefined when the
 * row is the heading, a separator, not a table line, or the table may have begun before lines[0].
 * The block's first line is the heading when Markdown's separator follows it or when text precedes
 * the table; a block reaching lines[0] may be the middle of a table, and its first line a row.
 */
export function headingLine(lines: Line[], row: number): Line | undefined {
  if (!lines[row] || !isTableLine(lines[row].text) || isSeparator(lines[row].text)) return undefined;
  let first = row;
  while (first > 0 && isTableLine(lines[first - 1]!.text)) first--;
  if (first === row) return undefined;
  const headed = isSeparator(lines[first + 1]?.text ?? '') || first > 0;
  return headed ? lines[first] : undefined;
}

/**
 * The heading line of the row at `offset`: in the text, or, for a text that opens among a table's
 * rows, the heading carried with it (`carried`, kept at ingest). None off a table or on its heading.
 */
export function rowHeading(lines: Line[], offset: number, carried?: string): Line | undefined {
  const row = lineIndexAt(lines, offset);
  const inText = headingLine(lines, row);
  if (inText || !carried || !lines[row] || isSeparator(lines[row].text)) return inText;
  for (let i = row; i >= 0; i--) if (!isTableLine(lines[i]!.text)) return undefined;
  return { text: carried, start: -1 };
}

/**
 * For each row of each table in `text`, by the offset its line starts at, the table's heading line:
 * a chunk that starts among the rows would otherwise show them without saying what their columns
 * are. One pass over the text, for all the chunks of a document.
 */
export function tableHeadings(text: string): Map<number, string> {
  const out = new Map<number, string>();
  let heading: string | undefined;
  let previousWasTable = false;
  for (const line of linesOf(text)) {
    const table = isTableLine(line.text);
    if (table && !previousWasTable) heading = line.text;
    else if (table && heading !== undefined && !isSeparator(line.text)) out.set(line.start, heading);
    previousWasTable = table;
  }
  return out;
}
