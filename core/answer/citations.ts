import type { Citation } from '../types.js';
import type { Evidence } from './evidence.js';

/** The file position of a sentence inside a retrieved chunk. */
export function citationFor(e: Evidence): Citation {
  const { chunk } = e.passage;
  const linesBefore = (text: string) => text.split('\n').length - 1;
  const startLine = chunk.startLine + linesBefore(chunk.text.slice(0, e.start));
  const endLine = startLine + linesBefore(e.text);
  const citation: Citation = {
    source: chunk.source,
    startLine,
    endLine,
    quote: e.text,
    score: Number(e.score.toFixed(4)),
  };
  if (chunk.page !== undefined) citation.page = chunk.page;
  if (chunk.section !== undefined) citation.section = chunk.section;
  // Duplicates share the text, so the quote sits at the same line offset in every copy.
  if (chunk.alsoIn?.length) {
    citation.alsoIn = chunk.alsoIn.map((l) => ({
      source: l.source,
      startLine: startLine - chunk.startLine + l.startLine,
      endLine: endLine - chunk.startLine + l.startLine,
      ...(l.page !== undefined && { page: l.page }),
      ...(l.section !== undefined && { section: l.section }),
    }));
  }
  return citation;
}
