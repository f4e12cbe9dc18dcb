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
