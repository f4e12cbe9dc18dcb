import { LineMap } from '../../core/text/lines.js';

/** A document split for display: its lines (1-based numbering) and the page each line starts on. */
export interface DocumentLines {
  lines: string[];
  /** Page number of each line, when the document is paged. */
  pages?: number[];
}

export function splitLines(text: string, pageStarts?: readonly number[]): DocumentLines {
  const raw = text.split('\n');
  const lines = raw.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (!pageStarts || pageStarts.length === 0) return { lines };
  const pages: number[] = [];
  let offset = 0;
  let page = 0;
  for (const line of raw) {
    while (page + 1 < pageStarts.length && pageStarts[page + 1]! <= offset) page += 1;
    pages.push(page + 1);
    offset += line.length + 1;
  }
  return { lines, pages };
}

/** The window of lines to render around a cited range, clamped to the document. */
export function windowAround(total: number, start: number, end: number, margin: number): { from: number; to: number } {
  return { from: Math.max(1, start - margin), to: Math.min(total, Math.max(end, start) + margin) };
}

/** "lines 9–12", "line 9". */
export function lineRange(start: number, end: number): string {
  return start === end ? `line ${start}` : `lines ${start}–${end}`;
}

export function fileName(source: string): string {
  return source.split('/').pop() ?? source;
}

/** Where a cited quote lies in the document as it is now. */
export type QuoteLocation =
  { found: 'in-place' } | { found: 'moved'; startLine: number; endLine: number } | { found: 'missing' };

/**
 * Find a citation's quote in the document's current lines. A file edited after the answer (lines
 * added above, say) would otherwise have the old line numbers highlight unrelated text; the quote
 * is searched nearest to where it was cited.
 */
export function locateQuote(
  lines: readonly string[],
  quote: string,
  startLine: number,
  endLine: number,
): QuoteLocation {
  const cited = lines.slice(startLine - 1, endLine).join('\n');
  if (cited.includes(quote)) return { found: 'in-place' };
  const text = lines.join('\n');
  const map = new LineMap(text);
  let best: { at: number; distance: number } | undefined;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const distance = Math.abs(map.lineOf(at) - startLine);
    if (!best || distance < best.distance) best = { at, distance };
  }
  if (!best) return { found: 'missing' };
  const first = map.lineOf(best.at);
  return { found: 'moved', startLine: first, endLine: first + (quote.match(/\n/g)?.length ?? 0) };
}
