import { terms } from '../text/tokenize.js';
import type { Evidence, QuestionTerms } from './evidence.js';

/** A cell of a table row: its text and offsets within the passage's chunk text. */
export interface Cell {
  text: string;
  start: number;
  end: number;
}

/** A line of a table: Markdown ("| a | b |") or a converted Word/HTML table ("a | b"). */
const TABLE_LINE = /^\s*\|.*\||\s\|\s/;
/** Markdown's line under the header: "|---|:--:|". */
const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ text: line.replace(/\r$/, ''), start });
    start += line.length + 1;
  }
  return out;
}

/** A row's cells in order, empty ones included, so a row lines up with its heading. */
function cellsOf(line: Line): Cell[] {
  const out: Cell[] = [];
  let at = 0;
  for (const part of line.text.split('|')) {
    const lead = /^[`*_\s]*/.exec(part)![0].length;
    const text = part.slice(lead).replace(/[`*_\s]+$/, '');
    out.push({ text, start: line.start + at + lead, end: line.start + at + lead + text.length });
    at += part.length + 1;
  }
  // "| a | b |" has nothing before its first bar and after its last.
  if (line.text.trimStart().startsWith('|')) out.shift();
  if (line.text.trimEnd().endsWith('|')) out.pop();
  return out;
}

/** Whether the sentence lies on a line of a table. */
export function onTableLine(evidence: Evidence): boolean {
  const text = evidence.passage.chunk.text;
  const start = text.lastIndexOf('\n', evidence.start - 1) + 1;
  const end = text.indexOf('\n', evidence.start);
  return TABLE_LINE.test(text.slice(start, end < 0 ? text.length : end));
}

/**
 * The answer a table gives directly: when the best sentence is a table row and the question names
 * one of the table's column headings ("What is the default port?" over "| variable | default |"),
 * the row's cell in that column. Ranking phrases cannot tell "3000" from "WebSocket" in
 * "| PORT | 3000 | HTTP and WebSocket port |"; the heading can. Only the chunk is read, so a
 * table whose heading lies in an earlier chunk gives nothing here.
 */
export function tableCell(q: QuestionTerms, evidence: Evidence): Cell | undefined {
  const lines = linesOf(evidence.passage.chunk.text);
  const rowIndex = lines.findLastIndex((l) => l.start <= evidence.start);
  const row = lines[rowIndex];
  if (!row || !TABLE_LINE.test(row.text)) return undefined;
  let first = rowIndex;
  while (first > 0 && TABLE_LINE.test(lines[first - 1]!.text)) first--;
  const header = lines[first]!;
  // The block's first line is the table's heading when Markdown's separator follows it, or when the
  // chunk holds the text before the table; a chunk that opens mid-table shows no heading at all.
  const headed = SEPARATOR.test(lines[first + 1]?.text ?? '') || first > 0;
  if (!headed || first === rowIndex || SEPARATOR.test(row.text)) return undefined;
  const headings = cellsOf(header);
  const cells = cellsOf(row);
  if (headings.length !== cells.length) return undefined;
  const asked = new Set(q.stems);
  const columns = headings.map((h, i) => i).filter((i) => terms(headings[i]!.text).some((s) => asked.has(s)) && !terms(cells[i]!.text).some((s) => asked.has(s)));
  const cell = columns.length === 1 ? cells[columns[0]!] : undefined;
  // Cells hold code and emphasis ("`3000`"): the value is what is inside, and an empty cell answers nothing.
  return cell?.text ? cell : undefined;
}
