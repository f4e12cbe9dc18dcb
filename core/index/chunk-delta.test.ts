import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../types.js';
import { encodeChunks } from './chunk-codec.js';
import { chunksSavedIn, loadChunks, saveChunks } from './chunk-delta.js';

const root = await mkdtemp(path.join(os.tmpdir(), 'chunk-delta-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const chunk = (id: number, text: string, source = `f${id % 7}.txt`): Chunk => ({
  id,
  text,
  source,
  startLine: 1,
  endLine: 2,
  startOffset: 0,
  endOffset: text.length,
  ...(id % 5 === 0 && { section: `part ${id}` }),
});
const list = (n: number) => Array.from({ length: n }, (_, i) => chunk(i, `text ${i} ✓`));

/** Save into a fresh generation folder as IndexStore.save does (named once in place); returns the folder. */
async function saved(name: string, chunks: Chunk[], spliced?: Parameters<typeof saveChunks>[2]): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir);
  await saveChunks(chunks, dir, spliced);
  chunksSavedIn(chunks, dir);
  return dir;
}

/** `old` with chunks `drop` removed and `add` put in at `at`; `from` traces the rest back. */
function spliceOf(old: Chunk[], drop: Set<number>, at: number, add: string[]) {
  const texts: string[] = [];
  const from: number[] = [];
  old.forEach((c, i) => {
    if (i === at) for (const t of add) (texts.push(t), from.push(-1));
    if (!drop.has(i)) (texts.push(c.text), from.push(i));
  });
  const chunks = texts.map((t, id) => ({ ...(old[from[id]!] ?? chunk(id, t)), id, text: t }));
  return { chunks, spliced: { chunks: old, from: Int32Array.from(from) } };
}

describe('chunks as a base file and a splice', () => {
  it('links the base and writes only the change, and reads back the same chunks, twice over', async () => {
    const first = list(400);
    const a = await saved('a', first);
    const loaded = await loadChunks(a);
    expect(loaded).toEqual(first);
    const one = spliceOf(loaded, new Set([10, 11]), 10, ['new ten', 'new eleven', 'new twelve']);
    const b = await saved('b', one.chunks, one.spliced);
    expect((await readdir(b)).sort()).toEqual(['chunks-added.bin', 'chunks.bin']);
    expect((await stat(path.join(b, 'chunks.bin'))).ino).toBe((await stat(path.join(a, 'chunks.bin'))).ino);
    expect(await loadChunks(b)).toEqual(one.chunks);
    // A server's load, texts left as bytes where they can be: the same chunks, with a splice or without.
    expect(await loadChunks(a, true)).toStrictEqual(first);
    expect(await loadChunks(b, true)).toStrictEqual(one.chunks);
    // The next splice of the list just saved links the same base, its own chunks carried over.
    const two = spliceOf(one.chunks, new Set([0, 11, 399]), 200, ['two hundred']);
    const c = await saved('c', two.chunks, two.spliced);
    expect((await stat(path.join(c, 'chunks.bin'))).ino).toBe((await stat(path.join(a, 'chunks.bin'))).ino);
    // Read from disk, and its base dropped by pruning: the link keeps it.
    await rm(a, { recursive: true });
    const back = await loadChunks(c);
    expect(back).toEqual(two.chunks);
    const three = spliceOf(back, new Set([5]), 5, ['five again']);
    expect(await loadChunks(await saved('d', three.chunks, three.spliced))).toEqual(three.chunks);
  });

  it('writes the file whole with no base to link, or too many chunks of its own', async () => {
    const first = list(300);
    const e = await saved('e', first);
    const many = spliceOf(
      first,
      new Set(),
      0,
      Array.from({ length: 257 }, (_, i) => `many ${i}`),
    );
    const f = await saved('f', many.chunks, many.spliced);
    expect(await readdir(f)).toEqual(['chunks.bin']);
    expect((await stat(path.join(f, 'chunks.bin'))).ino).not.toBe((await stat(path.join(e, 'chunks.bin'))).ino);
    expect(await loadChunks(f)).toEqual(many.chunks);
    const unknown = spliceOf(list(300), new Set([1]), 1, ['x']);
    expect(await readdir(await saved('g', unknown.chunks, unknown.spliced))).toEqual(['chunks.bin']);
  });

  it('refuses a splice that does not follow its base file', async () => {
    const first = list(50);
    await saved('h', first);
    const one = spliceOf(first, new Set([3]), 3, ['three']);
    const i = await saved('i', one.chunks, one.spliced);
    await rm(path.join(i, 'chunks.bin'));
    await writeFile(path.join(i, 'chunks.bin'), encodeChunks(list(49)));
    await expect(loadChunks(i)).rejects.toThrow(/follows 50 chunks/);
    await writeFile(path.join(i, 'chunks-added.bin'), 'not a splice');
    await expect(loadChunks(i)).rejects.toThrow(/not a chunk splice/);
  });
});
