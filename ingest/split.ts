import { TextSplitter, type TextSplitterParams } from '@langchain/textsplitters';
import { LineMap } from '../core/text/lines.js';
import { sentences } from '../core/text/sentences.js';
import type { Chunk } from '../core/types.js';

export interface ChunkingSettings {
  chunkSize: number;
  chunkOverlap: number;
}

export const DEFAULT_CHUNKING: ChunkingSettings = { chunkSize: 700, chunkOverlap: 120 };

/**
 * A LangChain text splitter whose pieces are whole sentences (with their trailing whitespace), so
 * chunks start and end at sentence boundaries and, joined with "", are exact substrings of the text.
 * A sentence longer than a chunk is cut at word boundaries.
 */
export class SentenceTextSplitter extends TextSplitter {
  static override lc_name() {
    return 'SentenceTextSplitter';
  }

  constructor(fields?: Partial<TextSplitterParams>) {
    super({ ...fields, keepSeparator: true });
  }

  override async splitText(text: string): Promise<string[]> {
    return this.mergeSplits(pieces(text, this.chunkSize), '');
  }
}

/** Cut `text` into consecutive pieces covering it exactly, each at most `max` characters. */
export function pieces(text: string, max: number): string[] {
  const starts = sentences(text).map((s) => s.start);
  if (starts[0] !== 0) starts.unshift(0);
  const out: string[] = [];
  starts.forEach((start, i) => {
    const piece = text.slice(start, starts[i + 1] ?? text.length);
    out.push(...cutLong(piece, max));
  });
  return out.filter((p) => p.length > 0);
}

function cutLong(piece: string, max: number): string[] {
  if (piece.length <= max) return [piece];
  const out: string[] = [];
  let rest = piece;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const space = window.search(/\s\S*$/);
    const cut = space > 0 ? space + 1 : max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/** Split one document into chunks that keep their exact place in it. Chunk ids are assigned later. */
export async function chunkDocument(source: string, text: string, settings: ChunkingSettings): Promise<Omit<Chunk, 'id'>[]> {
  const splitter = new SentenceTextSplitter(settings);
  const lines = new LineMap(text);
  const out: Omit<Chunk, 'id'>[] = [];
  let from = 0;
  let previousEnd = 0;
  for (const piece of await splitter.splitText(text)) {
    // Chunks come in order and may overlap: each starts after the previous start and, holding at
    // least one new sentence, ends after the previous end. Repetitive text has earlier matches.
    let start = text.indexOf(piece, from);
    while (start >= 0 && start + piece.length <= previousEnd) start = text.indexOf(piece, start + 1);
    if (start < 0) start = text.indexOf(piece, from);
    if (start < 0) throw new Error(`splitter produced text not found in ${source}`);
    const end = start + piece.length;
    out.push({ source, startOffset: start, endOffset: end, startLine: lines.lineOf(start), endLine: lines.lineOf(end - 1), text: piece });
    from = start + 1;
    previousEnd = Math.max(previousEnd, end);
  }
  return out;
}
