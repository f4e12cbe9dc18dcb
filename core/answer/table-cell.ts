import { cellsOf, headingLine, isTableLine, linesOf, type Cell } from '../text/tables.js';
import { terms } from '../text/tokenize.js';
import type { Evidence, QuestionTerms } from './evidence.js';

/** Whether the sentence lies on a line of a table. */
export function onTableLine(evidence: Evidence): boolean {
  const text = evidence.passage.chunk.text;
  const start = text.lastIndexOf('\n', evidence.start - 1) + 1;
  const end = text.indexOf('\n', evidence.start);
  return isTableLine(text.slice(start, end < 0 ? text.length : end));
}

/**
 * The answer a table gives directly: when the best sentence is a table row and the question names
 * one of the table's column headings ("What is the default port?" over "| variable | default |"),
 * the row's cell in that column. Ranking phrases cannot tell "3000" from "WebSocket" in
 * "| PORT | 3000 | HTTP and WebSocket port |"; the heading can. Only the chunk is read, so a
 * table whose heading lies in an earlier chunk gives nothing here.
 */
export function tableCell(q: QuestionTerms, evidence: Evidence): Cell | undefined {
  const { chunk } = evidence.passage;
  const lines = linesOf(chunk.text);
  const row = lines.findLastIndex((l) => l.start <= evidence.start);
  // A chunk that opens among a table's rows carries the table's heading from ingest.
  const heading = headingLine(lines, row, false) ?? (chunk.tableHeading && tableOpensChunk(lines, row) ? { text: chunk.tableHeading, start: -1 } : undefined);
  if (!heading) return undefined;
  const headings = cellsOf(heading);
  const cells = cellsOf(lines[row]!);
  if (headings.length !== cells.length) return undefined;
  const asked = new Set(q.stems);
  const columns = headings.map((_, i) => i).filter((i) => terms(headings[i]!.text).some((s) => asked.has(s)) && !terms(cells[i]!.text).some((s) => asked.has(s)));
  const cell = columns.length === 1 ? cells[columns[0]!] : undefined;
  // Cells hold code and emphasis ("`3000`"): the value is what is inside, and an empty cell answers nothing.
  return cell?.text ? cell : undefined;
}

/** The row's table block runs back to the chunk's first line. */
function tableOpensChunk(lines: { text: string }[], row: number): boolean {
  for (let i = row; i >= 0; i--) if (!isTableLine(lines[i]!.text)) return false;
  return true;
}
