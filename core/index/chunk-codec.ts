/**
 * The chunks of an index generation in a binary file (index format 2): numeric columns as int32
 * arrays, every text in one UTF-8 blob, source paths and sections as tables, and the rare fields
 * (alsoIn, tableHeading) as a small JSON side table. Reading 100k chunks is a slice per text, not
 * a parse and a schema check of 70 MB of JSON.
 */
import type { Chunk } from '../types.js';
import { checkedExtras, checkedExtrasInSteps, type Extras } from './chunk-extras.js';

const MAGIC = 0x4b4e4843; // "CHNK"
/** id, startLine, endLine, startOffset, endOffset, page (0: none), source, section (-1: none). */
export const COLUMNS = 8;

interface Tables {
  sources: string[];
  sections: string[];
  /** By chunk index: the fields few chunks have. */
  extras: Extras;
}

/**
 * The tables checked as a schema would, by hand: the path and section tables are tens of thousands
 * of strings at 100k chunks, which zod took 25 ms of a server's event loop to check (extras: chunk-extras.ts).
 */
function checkedTables(json: unknown): Tables {
  const { sources, sections, extras } = (json ?? {}) as Record<string, unknown>;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  if (!strings(sources) || !strings(sections)) throw new Error('the tables of the chunks file are damaged');
  return { sources, sections, extras: checkedExtras(extras) };
}

function interned(): { table: string[]; index: (s: string) => number } {
  const table: string[] = [];
  const at = new Map<string, number>();
  return {
    table,
    index: (s) => {
      let i = at.get(s);
      if (i === undefined) at.set(s, (i = table.push(s) - 1));
      return i;
    },
  };
}

/**
 * The file each chunk list was last encoded to, while that list lives: a spliced list's kept texts
 * are copied from it (the same bytes) instead of measured and encoded again, about 0.1 s of a
 * one-file re-index at 100k chunks (55 MB of text) when the ingest thread kept the previous list.
 */
const encodedFiles = new WeakMap<Chunk[], { bytes: Buffer; textAt: number; ends: Uint32Array }>();

/**
 * Header (magic, count, tables bytes), the columns, the text ends, the tables' JSON, then the texts.
 * `spliced`: the chunk list these were spliced from, and `from[i]`, the chunk of it holding chunk
 * i's text (or -1; ingest/splice.ts). The bytes are the same either way.
 */
export function encodeChunks(chunks: Chunk[], spliced?: { chunks: Chunk[]; from: Int32Array }): Buffer {
  const n = chunks.length;
  const columns = new Int32Array(n * COLUMNS);
  const ends = new Uint32Array(n);
  const sources = interned();
  const sections = interned();
  const tables: Tables = { sources: sources.table, sections: sections.table, extras: {} };
  const old = spliced && encodedFiles.get(spliced.chunks);
  const from = old ? spliced.from : undefined;
  const oldStart = (j: number) => (j > 0 ? old!.ends[j - 1]! : 0);
  let end = 0;
  chunks.forEach((c, i) => {
    columns.set(
      [c.id, c.startLine, c.endLine, c.startOffset, c.endOffset, c.page ?? 0, sources.index(c.source)],
      i * COLUMNS,
    );
    columns[i * COLUMNS + 7] = c.section === undefined ? -1 : sections.index(c.section);
    const j = from?.[i] ?? -1;
    ends[i] = end += j >= 0 ? old!.ends[j]! - oldStart(j) : Buffer.byteLength(c.text);
    if (c.alsoIn !== undefined || c.tableHeading !== undefined)
      tables.extras[i] = { alsoIn: c.alsoIn, tableHeading: c.tableHeading };
  });
  const json = Buffer.from(JSON.stringify(tables));
  const header = Buffer.alloc(12);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(n, 4);
  header.writeUInt32LE(json.length, 8);
  // The texts written straight into the file's one buffer: a Buffer per text, then a copy of them
  // all into the concatenation, cost a 100k-chunk re-index a few hundred milliseconds.
  const head = [header, bytesOf(columns), bytesOf(ends), json];
  const out = Buffer.allocUnsafe(head.reduce((sum, part) => sum + part.length, 0) + end);
  let at = 0;
  for (const part of head) at += part.copy(out, at);
  const textAt = at;
  for (let i = 0; i < n; i++) {
    const j = from?.[i] ?? -1;
    if (j < 0) {
      at += out.write(chunks[i]!.text, at);
      continue;
    }
    // A run of kept chunks is one run of the old file's texts: one copy.
    let last = j;
    while (i + 1 < n && from![i + 1] === last + 1) {
      i++;
      last++;
    }
    at += old!.bytes.copy(out, at, old!.textAt + oldStart(j), old!.textAt + old!.ends[last]!);
  }
  if (at !== out.length) throw new Error('chunk texts changed while they were written');
  encodedFiles.set(chunks, { bytes: out, textAt, ends });
  return out;
}

/** A chunks file's columns and tables: everything but the texts, which follow at `textAt`. */
export interface ChunkHead {
  count: number;
  columns: Int32Array;
  /** End of each chunk's text, in bytes from `textAt`. */
  ends: Uint32Array;
  tables: Tables;
  textAt: number;
}

/** Bytes of the file before the columns: enough to know how long the head is (headBytes). */
export const HEADER_BYTES = 12;

/** The head's length in bytes, from the file's first HEADER_BYTES; throws on a foreign file. */
export function headBytes(header: Buffer): number {
  if (header.length < HEADER_BYTES || header.readUInt32LE(0) !== MAGIC) throw new Error('not a chunks file');
  const n = header.readUInt32LE(4);
  return HEADER_BYTES + n * COLUMNS * 4 + n * 4 + header.readUInt32LE(8);
}

/** The head from the file's first headBytes(…) bytes (more may follow); `fileBytes`, the whole file's length. */
export function decodeHead(bytes: Buffer, fileBytes: number): ChunkHead {
  const { json, ...head } = decodeColumns(bytes, fileBytes);
  return { ...head, tables: checkedTables(JSON.parse(json)) };
}

/**
 * decodeHead for a caller whose event loop must stay free (a server loading a new generation): the
 * tables' JSON, 10 ms of parsing at 100k chunks with thousands of duplicates, is parsed in two turns,
 * the paths and sections, then the extras. Their JSON is `{"sources":[…],"sections":[…],"extras":{…}}`
 * (encodeChunks) and a string never holds a bare `"`, so the first `],"extras":` is where they meet.
 */
export async function decodeHeadInSteps(
  bytes: Buffer,
  fileBytes: number,
  nextTurn: () => Promise<unknown>,
): Promise<ChunkHead> {
  const { json, ...head } = decodeColumns(bytes, fileBytes);
  const at = json.indexOf(EXTRAS_KEY);
  if (at < 0 || !json.endsWith('}')) return { ...head, tables: checkedTables(JSON.parse(json)) };
  await nextTurn();
  const paths = JSON.parse(`${json.slice(0, at + 1)}}`) as Record<string, unknown>;
  await nextTurn();
  const extras = JSON.parse(json.slice(at + EXTRAS_KEY.length, -1)) as unknown;
  await nextTurn();
  const { sources, sections } = checkedTables({ ...paths, extras: {} });
  return { ...head, tables: { sources, sections, extras: await checkedExtrasInSteps(extras, nextTurn) } };
}

const EXTRAS_KEY = '],"extras":';

function decodeColumns(bytes: Buffer, fileBytes: number): Omit<ChunkHead, 'tables'> & { json: string } {
  const textAt = headBytes(bytes);
  if (textAt > bytes.length || textAt > fileBytes) throw new Error('chunks file is truncated');
  const n = bytes.readUInt32LE(4);
  const endsAt = HEADER_BYTES + n * COLUMNS * 4;
  const jsonAt = endsAt + n * 4;
  const columns = new Int32Array(copyOf(bytes, HEADER_BYTES, n * COLUMNS * 4));
  const ends = new Uint32Array(copyOf(bytes, endsAt, n * 4));
  if (n > 0 && textAt + ends[n - 1]! !== fileBytes) throw new Error('chunks file is truncated');
  return { count: n, columns, ends, textAt, json: bytes.toString('utf8', jsonAt, textAt) };
}

/**
 * Chunks `from` … `to`-1 into `out`, their texts read from `texts`, which holds the file's bytes
 * from offset `textsAt` on (the whole file, or only the piece these chunks' texts are in).
 */
export function decodeRange(head: ChunkHead, texts: Buffer, textsAt: number, from: number, to: number, out: Chunk[]) {
  const base = head.textAt - textsAt;
  let start = base + (from > 0 ? head.ends[from - 1]! : 0);
  buildRange(head, from, to, out, (chunk, i) => {
    const end = base + head.ends[i]!;
    if (end < start || end > texts.length) throw new Error(`chunk ${i} is damaged`);
    chunk.text = texts.toString('utf8', start, end);
    start = end;
  });
}

/**
 * Chunks `from` … `to`-1 into `out`, every field from the head and `text` by `putText`, called
 * where the text's key belongs (a string, or an accessor that decodes it when read: lazy-chunks.ts).
 */
export function buildRange(
  head: ChunkHead,
  from: number,
  to: number,
  out: Chunk[],
  putText: (chunk: Chunk, i: number) => void,
) {
  const { columns, tables } = head;
  for (let i = from; i < to; i++) {
    const c = columns.subarray(i * COLUMNS, (i + 1) * COLUMNS);
    const source = tables.sources[c[6]!];
    if (source === undefined) throw new Error(`chunk ${i} is damaged`);
    const extra = tables.extras[i];
    // Keys in ChunkSchema's order, optional ones only when present: the same objects a JSON parse
    // gave. Added one by one rather than spread from conditional objects (twice as fast at 100k).
    const chunk = { source, startLine: c[1]!, endLine: c[2]! } as Chunk;
    if (c[5]! > 0) chunk.page = c[5]!;
    if (c[7]! >= 0) chunk.section = tables.sections[c[7]!]!;
    chunk.startOffset = c[3]!;
    chunk.endOffset = c[4]!;
    chunk.id = c[0]!;
    putText(chunk, i);
    if (extra?.alsoIn !== undefined) chunk.alsoIn = extra.alsoIn;
    if (extra?.tableHeading !== undefined) chunk.tableHeading = extra.tableHeading;
    out[i] = chunk;
  }
}

/** The chunks back, as ChunkSchema would parse them (absent optional fields absent); throws on a foreign or damaged file. */
export function decodeChunks(bytes: Buffer): Chunk[] {
  const head = decodeHead(bytes, bytes.length);
  const chunks: Chunk[] = new Array<Chunk>(head.count);
  decodeRange(head, bytes, 0, 0, head.count, chunks);
  return chunks;
}

function bytesOf(a: Int32Array | Uint32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** An aligned copy of `length` bytes at `at` (a file's buffer need not be 4-byte aligned there). */
function copyOf(bytes: Buffer, at: number, length: number): ArrayBuffer {
  const out = new ArrayBuffer(length);
  bytes.copy(new Uint8Array(out), 0, at, at + length);
  return out;
}
