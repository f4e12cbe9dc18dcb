import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { ingest } from './ingest.js';
import { keepGenerations } from './kept-generation.js';

const provider = localHashProvider();
const chunking = { chunkSize: 200, chunkOverlap: 20 };
let root: string;

const paragraph = (file: number, p: number) =>
  `File ${file}, part ${p}: the ${['harbour', 'museum', 'railway', 'council'][p % 4]} of town ${file * 7 + p} opened in ${1850 + file + p}.`;

async function corpus(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let f = 0; f < 8; f++)
    await writeFile(path.join(dir, `f${f}.txt`), Array.from({ length: 12 }, (_, p) => paragraph(f, p)).join('\n\n'));
}

/** The same edits, in order, to either copy of the folder: a file grown, one removed, one added, one edited inside. */
const EDITS: ((dir: string) => Promise<void>)[] = [
  (dir) => appendFile(path.join(dir, 'f1.txt'), '\n\nAn edit: the harbour of town 8 closed in 1901.\n'),
  (dir) => rm(path.join(dir, 'f3.txt')),
  (dir) => writeFile(path.join(dir, 'f9.txt'), 'A new file about the museum of town 99, opened in 1999.\n'),
  async (dir) => {
    const file = path.join(dir, 'f5.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('part 6', 'part six'));
  },
  (dir) => appendFile(path.join(dir, 'f0.txt'), '\n\nAnother edit, about the railway of town 1.\n'),
];

/** The live generation's files that hold its content (the manifest's times and stats aside). */
async function content(indexDir: string): Promise<Record<string, unknown>> {
  const store = new IndexStore(indexDir);
  const dir = path.join(indexDir, (await store.current())!);
  const out: Record<string, unknown> = {};
  for (const name of await readdir(dir))
    if (name !== 'manifest.json' && name !== 'vectors') out[name] = await readFile(path.join(dir, name));
  for (const name of await readdir(path.join(dir, 'vectors')))
    out[`vectors/${name}`] = await readFile(path.join(dir, 'vectors', name));
  const manifest = (await store.manifest())!;
  out.files = Object.fromEntries(Object.entries(manifest.files).map(([s, f]) => [s, [f.hash, f.chunks]]));
  return out;
}

/** added.bin (core/index/vector-files.ts) split into the folded vectors as hnswlib holds them, and all else. */
function addedPoints(bytes: Buffer): { folded: number[]; rest: Buffer[] } {
  const [added, deletions] = [bytes.readUInt32LE(8), bytes.readUInt32LE(12)];
  const start = 16 + deletions * 4;
  const size = (bytes.length - start) / added;
  const part = (size - 8) / 2 / 4;
  const folded: number[] = [];
  const rest = [bytes.subarray(0, start)];
  for (let at = start; at < bytes.length; at += size) {
    for (let i = 0; i < part; i++) folded.push(bytes.readFloatLE(at + i * 4));
    rest.push(bytes.subarray(at + part * 4, at + size));
  }
  return { folded, rest };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kept-generation-'));
});
afterEach(async () => {
  keepGenerations(false);
  await rm(root, { recursive: true, force: true });
});

describe('the generation a run wrote, kept in memory for the next', () => {
  it('writes what runs loading the previous generation from disk write, file for file', async () => {
    const runs = async (name: string, keep: boolean) => {
      const docsDir = path.join(root, `${name}-docs`);
      const indexDir = path.join(root, `${name}-index`);
      await corpus(docsDir);
      keepGenerations(keep);
      const summaries = [await ingest({ docsDir, indexDir, provider, chunking })];
      for (const [i, edit] of EDITS.entries()) {
        await edit(docsDir);
        summaries.push(await ingest({ docsDir, indexDir, provider, chunking }));
        // The live generation's postings made unreadable on disk (a new file under the name: the others
        // may be links that later generations share): only a run that holds them in memory can go on
        // without starting over (a run that cannot read the previous generation rebuilds it, refitting).
        if (keep && i === 1) {
          const lexical = path.join(indexDir, (await new IndexStore(indexDir).current())!, 'lexical.bin');
          await rm(lexical);
          await writeFile(lexical, 'x');
        }
      }
      return { summaries, files: await content(indexDir) };
    };
    const kept = await runs('kept', true);
    const loaded = await runs('loaded', false);
    expect(kept.summaries.slice(1).map((s) => s.refitted)).toEqual(EDITS.map(() => false));
    expect(kept.summaries.map((s) => [s.chunks, s.embedded])).toEqual(
      loaded.summaries.map((s) => [s.chunks, s.embedded]),
    );
    expect(Object.keys(kept.files)).toEqual(expect.arrayContaining(['vectors/added.bin', 'chunks-added.bin']));
    expect(Object.keys(kept.files)).toEqual(Object.keys(loaded.files));
    for (const [name, bytes] of Object.entries(kept.files))
      if (name !== 'vectors/added.bin') expect(bytes, name).toEqual(loaded.files[name]);
    const [a, b] = [kept, loaded].map((r) => addedPoints(r.files['vectors/added.bin'] as Buffer));
    expect(a!.rest).toEqual(b!.rest);
    // hnswlib normalises a point as it is inserted, and a load inserts the saved points again: a run
    // that loaded them holds them normalised once more than the run that inserted them (float32 ulps).
    a!.folded.forEach((x, i) => expect(Math.abs(x - b!.folded[i]!)).toBeLessThan(1e-6));
  });

  it('is not used once another generation is live', async () => {
    const docsDir = path.join(root, 'docs');
    const indexDir = path.join(root, 'index');
    await corpus(docsDir);
    keepGenerations(true);
    await ingest({ docsDir, indexDir, provider, chunking });
    await EDITS[0]!(docsDir);
    await ingest({ docsDir, indexDir, provider, chunking });
    // Another writer's generation (here: an earlier one made live again) is read from disk.
    const store = new IndexStore(indexDir);
    const names = (await readdir(indexDir)).filter((n) => n.startsWith('gen-')).sort();
    await writeFile(path.join(indexDir, 'CURRENT'), `${names[0]}\n`);
    const s = await ingest({ docsDir, indexDir, provider, chunking });
    expect(s).toMatchObject({ written: true, changed: ['f1.txt'], refitted: false });
    expect((await store.load(provider)).chunks.some((c) => c.text.includes('closed in 1901'))).toBe(true);
  });
});
