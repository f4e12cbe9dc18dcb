import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeChunks, encodeChunks } from './chunk-codec.js';
import { sampleChunks } from './sample-chunks.fixture.js';
import { readChunks } from './chunk-file.js';

describe('readChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'chunk-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads in pieces exactly the chunks decodeChunks gives, key order included, whatever the piece size', async () => {
    const bytes = encodeChunks(sampleChunks());
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
    const bytes = encodeChunks(sampleChunks());
    const file = path.join(dir, 'bad.bin');
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    await expect(readChunks(file, 64)).rejects.toThrow(/truncated/);
    await writeFile(file, bytes.subarray(0, 200));
    await expect(readChunks(file)).rejects.toThrow(/truncated/);
    await writeFile(file, Buffer.from('[{"id":0}]'));
    await expect(readChunks(file)).rejects.toThrow(/not a chunks file/);
  });
});
