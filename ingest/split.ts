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
  const parts = pieces(text, settings.chunkSize);
  const partStarts: number[] = [];
  parts.reduce((offset, part) => (partStarts.push(offset), offset + part.length), 0);
  const lines = new LineMap(text);
  const out: Omit<Chunk, 'id'>[] = [];
  // mergeSplits joins whole pieces and trims, and each chunk begins at a later piece than the one
  // before; searching piece starts (not the raw text) keeps repetitive text unambiguous.
  let nextPart = 0;
  for (const piece of await splitter.mergeSplits(parts, '')) {
    let start = -1;
    for (; nextPart < parts.length && start < 0; nextPart++) {
      const at = partStarts[nextPart]! + (parts[nextPart]!.length - parts[nextPart]!.trimStart().length);
      if (text.startsWith(piece, at)) start = at;
    }
    if (start < 0) throw new Error(`splitter produced text not found in ${source}`);
    const end = start + piece.length;
    out.push({ source, startOffset: start, endOffset: end, startLine: lines.lineOf(start), endLine: lines.lineOf(end - 1), text: piece });
  }
  return out;
}
