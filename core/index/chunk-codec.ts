/**
 * The chunks of an index generation in a binary file (index format 2): numeric columns as int32
 * arrays, every text in one UTF-8 blob, source paths and sections as tables, and the rare fields
 * (alsoIn, tableHeading) as a small JSON side table. Reading 100k chunks is a slice per text, not
 * a parse and a schema check of 70 MB of JSON.
 */
import { z } from 'zod/v4';
import { ChunkLocationSchema } from '../location.js';
import type { Chunk } from '../types.js';

const MAGIC = 0x4b4e4843; // "CHNK"
/** id, startLine, endLine, startOffset, endOffset, page (0: none), source, section (-1: none). */
const COLUMNS = 8;

const TablesSchema = z.object({
  sources: z.array(z.string()),
  sections: z.array(z.string()),
  /** By chunk index: the fields few chunks have. */
  extras: z.record(
    z.string(),
    z.object({ alsoIn: z.array(ChunkLocationSchema).optional(), tableHeading: z.string().optional() }),
  ),
});
type Tables = z.infer<typeof TablesSchema>;

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

/** Header (magic, count, tables bytes), the columns, the text ends, the tables' JSON, then the texts. */
export function encodeChunks(chunks: Chunk[]): Buffer {
  const n = chunks.length;
  const columns = new Int32Array(n * COLUMNS);
  const ends = new Uint32Array(n);
  const sources = interned();
  const sections = interned();
  const tables: Tables = { sources: sources.table, sections: sections.table, extras: {} };
  const texts = chunks.map((c) => Buffer.from(c.text));
  let end = 0;
  chunks.forEach((c, i) => {
    columns.set(
      [c.id, c.startLine, c.endLine, c.startOffset, c.endOffset, c.page ?? 0, sources.index(c.source)],
      i * COLUMNS,
    );
    columns[i * COLUMNS + 7] = c.section === undefined ? -1 : sections.index(c.section);
    ends[i] = end += texts[i]!.length;
    if (c.alsoIn !== undefined || c.tableHeading !== undefined)
      tables.extras[i] = { alsoIn: c.alsoIn, tableHeading: c.tableHeading };
  });
  const json = Buffer.from(JSON.stringify(tables));
  const header = Buffer.alloc(12);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(n, 4);
  header.writeUInt32LE(json.length, 8);
  return Buffer.concat([header, bytesOf(columns), bytesOf(ends), json, ...texts]);
}

/** The chunks back, as ChunkSchema would parse them (absent optional fields absent); throws on a foreign or damaged file. */
export function decodeChunks(bytes: Buffer): Chunk[] {
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC) throw new Error('not a chunks file');
  const n = bytes.readUInt32LE(4);
  const jsonBytes = bytes.readUInt32LE(8);
  const columnsAt = 12;
  const endsAt = columnsAt + n * COLUMNS * 4;
  const jsonAt = endsAt + n * 4;
  const textAt = jsonAt + jsonBytes;
  if (textAt > bytes.length) throw new Error('chunks file is truncated');
  const columns = new Int32Array(copyOf(bytes, columnsAt, n * COLUMNS * 4));
  const ends = new Uint32Array(copyOf(bytes, endsAt, n * 4));
  if (n > 0 && textAt + ends[n - 1]! !== bytes.length) throw new Error('chunks file is truncated');
  const tables = TablesSchema.parse(JSON.parse(bytes.toString('utf8', jsonAt, textAt)));
  const chunks: Chunk[] = new Array<Chunk>(n);
  let start = textAt;
  for (let i = 0; i < n; i++) {
    const c = columns.subarray(i * COLUMNS, (i + 1) * COLUMNS);
    const end = textAt + ends[i]!;
    const source = tables.sources[c[6]!];
    if (source === undefined || end < start) throw new Error(`chunk ${i} is damaged`);
    const extra = tables.extras[i];
    // Keys in ChunkSchema's order, optional ones only when present: the same objects a JSON parse
    // gave. Added one by one rather than spread from conditional objects (twice as fast at 100k).
    const chunk = { source, startLine: c[1]!, endLine: c[2]! } as Chunk;
    if (c[5]! > 0) chunk.page = c[5]!;
    if (c[7]! >= 0) chunk.section = tables.sections[c[7]!]!;
    chunk.startOffset = c[3]!;
    chunk.endOffset = c[4]!;
    chunk.id = c[0]!;
    chunk.text = bytes.toString('utf8', start, end);
    if (extra?.alsoIn !== undefined) chunk.alsoIn = extra.alsoIn;
    if (extra?.tableHeading !== undefined) chunk.tableHeading = extra.tableHeading;
    chunks[i] = chunk;
    start = end;
  }
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
