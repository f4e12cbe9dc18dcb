import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../types.js';
import { decodeChunks, encodeChunks } from './chunk-codec.js';
import { readChunks } from './chunk-file.js';

/** Chunks of every shape the codec handles: pages, sections, rare fields, empty and multi-byte texts, one long text. */
function sample(): Chunk[] {
  const out: Chunk[] = [];
  for (let id = 0; id < 300; id++) {
    const text = id === 7 ? 'ü'.repeat(5000) : id % 50 === 3 ? '' : `chunk ${id} δεκα 🙂 ${'x'.repeat(id % 40)}`;
    const chunk: Chunk = {
      source: `f${id % 9}.md`,
      startLine: id,
      endLine: id + 1,
      startOffset: id,
      endOffset: id + 2,
      id,
      text,
    };
    if (id % 5 === 0) chunk.page = 1 + (id % 3);
    if (id % 4 === 0) chunk.section = `S ${id % 6}`;
    if (id % 97 === 0) chunk.tableHeading = '| a |';
    if (id % 61 === 0) chunk.alsoIn = [{ source: 'dup.md', startLine: 1, endLine: 1, startOffset: 0, endOffset: 3 }];
    out.push(chunk);
  }
  return out;
}

describe('readChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'chunk-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads in pieces exactly the chunks decodeChunks gives, key order included, whatever the piece size', async () => {
    const bytes = encodeChunks(sample());
    const file = path.join(dir, 'chunks.bin');
    await writeFile(file, bytes);
    const whole = decodeChunks(bytes);
    // 1 byte: every chunk its own piece (the long one longer than a piece); then a few per piece; then all in one.
    for (const piece of [1, 64, 1000, 1 << 20]) {
      const read = await readChunks(file, piece);
      expect(read).toStrictEqual(whole);
      expect(JSON.stringify(read)).toBe(JSON.stringify(whole));
    }
    await writeFile(file, encodeChunks([]));
    expect(await readChunks(file)).toEqual([]);
  });

  it('refuses a truncated or foreign file', async () => {
    const bytes = encodeChunks(sample());
    const file = path.join(dir, 'bad.bin');
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    await expect(readChunks(file, 64)).rejects.toThrow(/truncated/);
    await writeFile(file, bytes.subarray(0, 200));
    await expect(readChunks(file)).rejects.toThrow(/truncated/);
    await writeFile(file, Buffer.from('[{"id":0}]'));
    await expect(readChunks(file)).rejects.toThrow(/not a chunks file/);
  });
});
