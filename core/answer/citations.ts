import type { Citation } from '../types.js';
import type { Evidence } from './evidence.js';

/** The file position of a sentence inside a retrieved chunk. */
export function citationFor(e: Evidence): Citation {
  const { chunk } = e.passage;
  const linesBefore = (text: string) => text.split('\n').length - 1;
  const startLine = chunk.startLine + linesBefore(chunk.text.slice(0, e.start));
  const endLine = startLine + linesBefore(e.text);
  return { source: chunk.source, startLine, endLine, quote: e.text, score: Number(e.score.toFixed(4)) };
}
