import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeChunks, encodeChunks } from './chunk-codec.js';
import { sampleChunks } from './sample-chunks.fixture.js';
import { readChunksLazily } from './lazy-chunks.js';

describe('readChunksLazily', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lazy-chunks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the chunks decodeChunks gives, key order and texts included, whatever the step', async () => {
    const bytes = encodeChunks(sampleChunks());
    const file = path.join(dir, 'chunks.bin');
    await writeFile(file, bytes);
    const whole = decodeChunks(bytes);
    for (const step of [1, 7, 4096]) {
      const read = await readChunksLazily(file, step);
      expect(read).toStrictEqual(whole);
      expect(JSON.stringify(read)).toBe(JSON.stringify(whole));
      expect(read.map((c) => c.text)).toEqual(sampleChunks().map((c) => c.text));
    }
    await writeFile(file, encodeChunks([]));
    expect(await readChunksLazily(file)).toEqual([]);
  });

  it('keeps texts out of the objects but visible to whatever copies a chunk', async () => {
    const file = path.join(dir, 'copies.bin');
    await writeFile(file, encodeChunks(sampleChunks()));
    const chunk = (await readChunksLazily(file))[7]!;
    expect(Object.getOwnPropertyDescriptor(chunk, 'text')).toMatchObject({
      enumerable: true,
      get: expect.any(Function),
    });
    // What ingest's dedupe, a worker message and the API's JSON do with a chunk.
    expect({ ...chunk, id: 1 }.text).toBe('ü'.repeat(5000));
    expect(structuredClone(chunk)).toStrictEqual(sampleChunks()[7]);
    expect(Object.keys(chunk)).toEqual(Object.keys(sampleChunks()[7]!));
  });

  it('decodes eagerly, with the same result, chunks whose ids are not their positions', async () => {
    const shuffled = sampleChunks()
      .slice(0, 20)
      .map((c, i) => ({ ...c, id: 19 - i }));
    const file = path.join(dir, 'ids.bin');
    await writeFile(file, encodeChunks(shuffled));
    const read = await readChunksLazily(file, 3);
    expect(read).toStrictEqual(shuffled);
    expect(Object.getOwnPropertyDescriptor(read[0]!, 'text')?.value).toBe(shuffled[0]!.text);
  });

  it('refuses a truncated or foreign file', async () => {
    const bytes = encodeChunks(sampleChunks());
    const file = path.join(dir, 'bad.bin');
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    await expect(readChunksLazily(file)).rejects.toThrow(/truncated/);
    await writeFile(file, bytes.subarray(0, 200));
    await expect(readChunksLazily(file)).rejects.toThrow(/truncated/);
    await writeFile(file, Buffer.from('[{"id":0}]'));
    await expect(readChunksLazily(file)).rejects.toThrow(/not a chunks file/);
  });
});
