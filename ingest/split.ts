import { TextSplitter, type TextSplitterParams } from '@langchain/textsplitters';
import { tableHeadings } from '../core/text/tables.js';
import { LineMap } from '../core/text/lines.js';
import { sentences } from '../core/text/sentences.js';
import { trailingSpace } from '../core/text/sentence-scan.js';
import type { Chunk } from '../core/types.js';
import type { Structure } from './loaders/types.js';
import { hardBreaks, positionAt } from './structure.js';

export interface ChunkingSettings {
  chunkSize: number;
  chunkOverlap: number;
}

export const DEFAULT_CHUNKING: ChunkingSettings = { chunkSize: 700, chunkOverlap: 120 };

/** A piece of text: [start, end) in the document, and how strong a break comes right after it. */
interface Piece {
  start: number;
  end: number;
  /** 0 inside a line, 1 at a line break, 2 at a blank line (paragraph). */
  breakAfter: number;
}

/** A chunk shorter than this share of the size is not cut early just to end at a better break. */
const MIN_FILL = 0.5;

/**
 * A LangChain text splitter whose pieces are whole sentences (with their trailing whitespace).
 * Chunks are packed from pieces up to the chunk size and prefer to end where the text breaks most
 * strongly: at a heading or page (never crossed), a blank line, a line break, a sentence end. Only
 * a sentence longer than a chunk is cut, at a word boundary if there is one.
 */
export class SentenceTextSplitter extends TextSplitter {
  static override lc_name() {
    return 'SentenceTextSplitter';
  }

  constructor(fields?: Partial<TextSplitterParams>) {
    super({ ...fields, keepSeparator: true });
  }

  override async splitText(text: string): Promise<string[]> {
    return this.ranges(text).map(([start, end]) => text.slice(start, end));
  }

  /** The chunks as [start, end) offsets into `text`, never crossing a heading or page in `structure`. */
  ranges(text: string, structure?: Structure): [number, number][] {
    return chunkRanges(text, { chunkSize: this.chunkSize, chunkOverlap: this.chunkOverlap }, structure);
  }
}

/** Cut `text` into consecutive pieces covering it exactly, each at most `max` characters. */
export function pieces(text: string, max: number): string[] {
  return pieceRanges(text, 0, text.length, max).map((p) => text.slice(p.start, p.end));
}

function pieceRanges(text: string, from: number, to: number, max: number): Piece[] {
  const segment = text.slice(from, to);
  const starts = sentences(segment).map((s) => s.start);
  if (starts[0] !== 0) starts.unshift(0);
  const out: Piece[] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? segment.length;
    for (const [s, e] of cutLong(segment, start, end, max)) out.push({ start: from + s, end: from + e, breakAfter: 0 });
  });
  for (const p of out) p.breakAfter = breakStrength(text.slice(p.start, p.end));
  return out.filter((p) => p.end > p.start);
}

function breakStrength(piece: string): number {
  const tail = trailingSpace(piece);
  if (/\n[^\S\n]*\r?\n/.test(tail)) return 2;
  return tail.includes('\n') ? 1 : 0;
}

function cutLong(text: string, start: number, end: number, max: number): [number, number][] {
  const out: [number, number][] = [];
  let at = start;
  while (end - at > max) {
    const window = text.slice(at, at + max);
    const space = window.search(/\s\S*$/);
    const cut = space > 0 ? space + 1 : max;
    out.push([at, at + cut]);
    at += cut;
  }
  out.push([at, end]);
  return out;
}

/** Chunk spans [start, end) with no surrounding whitespace, in document order, starts strictly increasing. */
function chunkRanges(text: string, settings: ChunkingSettings, structure: Structure | undefined): [number, number][] {
  const bounds = [0, ...hardBreaks(structure, text.length), text.length];
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    out.push(...packSection(text, pieceRanges(text, bounds[i]!, bounds[i + 1]!, settings.chunkSize), settings));
  return out;
}

/** Greedy packing of one section's pieces, cutting at the strongest break that leaves the chunk reasonably full. */
function packSection(text: string, parts: Piece[], settings: ChunkingSettings): [number, number][] {
  const contentStart = (p: Piece) =>
    p.start + (text.slice(p.start, p.end).length - text.slice(p.start, p.end).trimStart().length);
  const contentEnd = (p: Piece) => p.start + text.slice(p.start, p.end).trimEnd().length;
  const span = (s: number, e: number) => contentEnd(parts[e]!) - contentStart(parts[s]!);
  const { chunkSize } = settings;
  const out: [number, number][] = [];
  let s = 0;
  while (s < parts.length) {
    let last = s;
    while (last + 1 < parts.length && span(s, last + 1) <= chunkSize) last++;
    let cut = last;
    if (last + 1 < parts.length) {
      for (let e = last - 1; e >= s && span(s, e) >= MIN_FILL * chunkSize; e--) {
        if (parts[e]!.breakAfter > parts[cut]!.breakAfter) cut = e;
      }
    }
    const start = contentStart(parts[s]!);
    const end = contentEnd(parts[cut]!);
    if (end > start) out.push([start, end]);
    s = cut + 1 < parts.length ? overlapStart(parts, s, cut, settings) : parts.length;
  }
  return out;
}

/** Where the next chunk starts: back over trailing sentences worth at most `overlap`, never across a paragraph. */
function overlapStart(parts: Piece[], s: number, cut: number, { chunkSize, chunkOverlap }: ChunkingSettings): number {
  let next = cut + 1;
  // The overlap must leave room for the next piece, or the next chunk would not get past this one.
  const room = Math.min(chunkOverlap, chunkSize - (parts[next]!.end - parts[next]!.start));
  let used = 0;
  while (next - 1 > s && parts[next - 1]!.breakAfter < 2) {
    const p = parts[next - 1]!;
    if (used + (p.end - p.start) > room) break;
    used += p.end - p.start;
    next--;
  }
  return next;
}

/** Split one document into chunks that keep their exact place in it (and page and section). Ids are assigned later. */
export async function chunkDocument(
  source: string,
  text: string,
  settings: ChunkingSettings,
  structure?: Structure,
): Promise<Omit<Chunk, 'id'>[]> {
  const lines = new LineMap(text);
  const headings = text.includes('|') ? tableHeadings(text) : undefined;
  return new SentenceTextSplitter(settings).ranges(text, structure).map(([start, end]) => {
    const tableHeading = headings?.get(text.lastIndexOf('\n', start - 1) + 1);
    return {
      source,
      startOffset: start,
      endOffset: end,
      startLine: lines.lineOf(start),
      endLine: lines.lineOf(end - 1),
      text: text.slice(start, end),
      ...positionAt(structure, start),
      ...(tableHeading !== undefined ? { tableHeading } : {}),
    };
  });
}
