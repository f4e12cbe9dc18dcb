import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rename, rm, stat, unlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { engineFromIndex } from '../core/assemble.js';
import { collect } from '../core/engine.js';
import type { FittedEmbedder } from '../core/embed/embedder.js';
import { IndexStore } from '../core/index/store.js';
import { localHashProvider } from '../core/providers/local-hash.js';
import { MAX_DELETED_SHARE } from '../core/index/vectors.js';
import { ingest } from './ingest.js';

const provider = localHashProvider();
let root: string;
let docs: string;
let indexDir: string;

const article = (topic: string, n = 6) =>
  Array.from(
    { length: n },
    (_, i) => `The ${topic} report, part ${i}, says the ${topic} committee met in room ${100 + i}.`,
  ).join('\n');

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ingest-test-'));
  docs = path.join(root, 'docs');
  indexDir = path.join(root, 'index');
  await mkdir(path.join(docs, 'sub'), { recursive: true });
  await writeFile(path.join(docs, 'alpha.txt'), article('alpha'));
  await writeFile(path.join(docs, 'beta.md'), `# Beta\n\n${article('beta')}`);
  await writeFile(path.join(docs, 'sub', 'gamma.txt'), article('gamma'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

const run = (force = false) =>
  ingest({ docsDir: docs, indexDir, provider, force, chunking: { chunkSize: 200, chunkOverlap: 20 } });

describe('ingest', () => {
  it('indexes nested .txt and .md files and skips other types with a reason', async () => {
    await writeFile(path.join(docs, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const s = await run();
    expect(s.files).toBe(3);
    expect(s.added.sort()).toEqual(['alpha.txt', 'beta.md', 'sub/gamma.txt']);
    expect(s.skipped).toEqual([{ source: 'image.png', reason: expect.stringContaining('unsupported type ".png"') }]);
    const index = await new IndexStore(indexDir).load(provider);
    expect(new Set(index.chunks.map((c) => c.source))).toEqual(new Set(['alpha.txt', 'beta.md', 'sub/gamma.txt']));
  });

  it('is idempotent: a second run on unchanged files embeds nothing and writes nothing', async () => {
    await run();
    const generation = await new IndexStore(indexDir).current();
    const again = await run();
    expect(again).toMatchObject({ written: false, embedded: 0, added: [], changed: [], removed: [] });
    expect(await new IndexStore(indexDir).current()).toBe(generation);
  });

  it('does not read again a file whose size, times and inode are the ones recorded when it was hashed', async () => {
    // Files written just now are read and hashed every run (a write in the same clock tick could keep the stat).
    const first = await run();
    expect(first.hashed).toBe(3);
    expect(Object.values((await new IndexStore(indexDir).manifest())!.files).map((f) => f.stat)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Runs that begin well after the files last changed record their stats, and trust them next time.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      await writeFile(path.join(docs, 'delta.txt'), article('delta'));
      vi.setSystemTime(Date.now() + 10_000);
      const second = await run();
      expect(second).toMatchObject({ added: ['delta.txt'], hashed: 4, written: true });
      const files = (await new IndexStore(indexDir).manifest())!.files;
      expect(files['alpha.txt']?.stat).toMatchObject({ size: article('alpha').length });
      const gamma = path.join(docs, 'sub', 'gamma.txt');
      // Same size, mtime set back to what it was: the ctime still tells.
      const before = await stat(gamma);
      await writeFile(gamma, article('gamma').replace('committee', 'assembled'));
      await utimes(gamma, before.atime, before.mtime);
      expect((await stat(gamma)).size).toBe(before.size);
      vi.setSystemTime(Date.now() + 10_000);
      const third = await run();
      expect(third).toMatchObject({ changed: ['sub/gamma.txt'], hashed: 1, converted: 1, written: true });
      const index = await new IndexStore(indexDir).load(provider);
      expect(index.chunks.some((c) => c.text.includes('assembled'))).toBe(true);
      expect(index.manifest.files['alpha.txt']?.stat).toEqual(files['alpha.txt']?.stat);
      const fourth = await run();
      expect(fourth).toMatchObject({ hashed: 0, written: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers a file that failed to convert and does not convert the same bytes again', async () => {
    const broken = path.join(docs, 'broken.pdf');
    await writeFile(broken, 'not a pdf at all');
    const first = await run();
    expect(first.converted).toBe(4);
    const reason = first.skipped.find((s) => s.source === 'broken.pdf')?.reason;
    expect(reason).toBeTruthy();
    expect(first.written).toBe(true);

    const again = await run();
    expect(again).toMatchObject({ converted: 0, written: false });
    expect(again.skipped).toEqual([{ source: 'broken.pdf', reason }]);

    // Other limits, other bytes or --force: tried again.
    const looser = await ingest({
      docsDir: docs,
      indexDir,
      provider,
      chunking: { chunkSize: 200, chunkOverlap: 20 },
      limits: { maxTextChars: 3_000_000 },
    });
    expect(looser.converted).toBe(1);
    await writeFile(broken, 'still not a pdf');
    expect((await run()).converted).toBe(1);
    expect((await run()).converted).toBe(0);
    expect((await run(true)).converted).toBe(4);
    // Fixed: indexed like any new file, and forgotten as a failure.
    await writeFile(broken.replace('.pdf', '.txt'), article('delta'));
    await unlink(broken);
    const fixed = await run();
    expect(fixed.skipped).toEqual([]);
    expect((await new IndexStore(indexDir).manifest())?.failed).toEqual({});
  });

  it('records the files skipped before converting in the manifest with the reason, writing a generation when only they change', async () => {
    const limited = () =>
      ingest({
        docsDir: docs,
        indexDir,
        provider,
        chunking: { chunkSize: 200, chunkOverlap: 20 },
        limits: { maxFileBytes: 4096 },
      });
    const store = new IndexStore(indexDir);
    await limited();
    const clean = await store.current();
    expect((await store.manifest())?.skipped).toEqual({});

    await writeFile(path.join(docs, 'slides.pages'), 'PK not a document we read');
    await writeFile(path.join(docs, 'huge.txt'), 'word '.repeat(2000));
    await writeFile(path.join(docs, 'back\\slash.txt'), article('delta'));
    await writeFile(path.join(docs, 'broken.pdf'), 'not a pdf at all');
    const dropped = await limited();
    expect(dropped).toMatchObject({ written: true, added: [], changed: [], removed: [] });
    expect(await store.current()).not.toBe(clean);
    const manifest = await store.manifest();
    expect(manifest?.skipped).toEqual({
      'back\\slash.txt': { reason: expect.stringContaining('backslash') },
      'huge.txt': { reason: 'file larger than 4 KB (10 KB; raise MAX_FILE_MB)' },
      'slides.pages': { reason: expect.stringContaining('unsupported type ".pages"') },
    });
    // A conversion that failed is in `failed` only: the two lists together are the run's skips.
    expect(Object.keys(manifest?.failed ?? {})).toEqual(['broken.pdf']);
    expect(dropped.skipped.map((s) => s.source).sort()).toEqual([
      'back\\slash.txt',
      'broken.pdf',
      'huge.txt',
      'slides.pages',
    ]);

    expect(await limited()).toMatchObject({ written: false });
    await unlink(path.join(docs, 'slides.pages'));
    expect(await limited()).toMatchObject({ written: true });
    expect(Object.keys((await store.manifest())?.skipped ?? {}).sort()).toEqual(['back\\slash.txt', 'huge.txt']);
  });

  it('re-embeds only the new texts of a changed file and updates the vector graph in place', async () => {
    const first = await run();
    const before = await new IndexStore(indexDir).load(provider);
    const known = new Set(before.chunks.map((c) => c.text));
    await writeFile(path.join(docs, 'alpha.txt'), `A new opening line about the zebra budget.\n${article('alpha')}`);
    const second = await run();
    const index = await new IndexStore(indexDir).load(provider);
    const newTexts = index.chunks.filter((c) => !known.has(c.text)).length;
    expect(second.changed).toEqual(['alpha.txt']);
    expect(second.refitted).toBe(false);
    expect(newTexts).toBeGreaterThan(0);
    expect(second.embedded).toBe(newTexts);
    expect(second.embedded).toBeLessThan(first.embedded);
    // Updated, not rebuilt: replaced texts stay in the graph as deleted points, new ones are added.
    expect(index.vectors.index.getCurrentCount()).toBe(before.vectors.index.getCurrentCount() + newTexts);
    // Every chunk is found by its own vector under its new id (kept points were relabelled).
    const vectors = await index.embedder.embeddings.embedDocuments(index.chunks.map((c) => c.text));
    for (const [i, chunk] of index.chunks.entries()) {
      const [hit] = await index.vectors.similaritySearchVectorWithScore(vectors[i]!, 1);
      expect(hit![0].metadata.id).toBe(chunk.id);
    }
  });

  it('saves an updated graph by linking the previous files and writing only the points added and labels deleted since', async () => {
    const vectorFile = async (name = 'hnswlib.index') => {
      const store = new IndexStore(indexDir);
      return stat(path.join(indexDir, (await store.current())!, 'vectors', name)).catch(() => undefined);
    };
    const foundByOwnVectors = async () => {
      const index = await new IndexStore(indexDir).load(provider);
      const vectors = await index.embedder.embeddings.embedDocuments(index.chunks.map((c) => c.text));
      for (const [i, chunk] of index.chunks.entries()) {
        const [hit] = await index.vectors.similaritySearchVectorWithScore(vectors[i]!, 1);
        expect(hit![0].metadata.id).toBe(chunk.id);
        expect(hit![0].pageContent).toBe(chunk.text);
      }
      return index;
    };
    for (let i = 0; i < 8; i++) await writeFile(path.join(docs, `extra-${i}.txt`), article(`extra${i}`));
    await run();
    const written = (await vectorFile())!;
    expect(await vectorFile('added.bin')).toBeUndefined();
    const count = (await new IndexStore(indexDir).load(provider)).vectors.index.getCurrentCount();
    // Two updates in a row: each generation links the same graph file and adds to what it adds.
    for (const round of [1, 2]) {
      await writeFile(path.join(docs, 'alpha.txt'), `Opening ${round} on the zebra budget.\n${article('alpha')}`);
      if (round === 2) await unlink(path.join(docs, 'beta.md'));
      const s = await run();
      expect(s).toMatchObject({ refitted: false });
      expect(s.embedded).toBeGreaterThan(0);
      expect((await vectorFile())!.ino).toBe(written.ino);
      expect(await vectorFile('added.bin')).toBeDefined();
      const index = await foundByOwnVectors();
      expect(index.vectors.index.getCurrentCount()).toBeGreaterThan(count);
    }
    // The generation that wrote the file is pruned; its file lives on in the generations linking it.
    expect((await readdir(indexDir)).filter((n) => n.startsWith('gen-'))).toHaveLength(2);
    // Many points added: the graph is written whole again.
    await writeFile(path.join(docs, 'long.txt'), article('long', 400));
    await run();
    expect((await vectorFile())!.ino).not.toBe(written.ino);
    expect(await vectorFile('added.bin')).toBeUndefined();
    await foundByOwnVectors();
  });

  it('rebuilds the vector graph once too many of its points are deleted ones', async () => {
    await run();
    for (const round of [1, 2, 3]) {
      await writeFile(path.join(docs, 'alpha.txt'), article(`alpha${round}`));
      await run();
    }
    const index = await new IndexStore(indexDir).load(provider);
    const total = index.vectors.index.getCurrentCount();
    expect((total - index.chunks.length) / total).toBeLessThanOrEqual(MAX_DELETED_SHARE);
  });

  it('keeps the chunks and vectors of a moved or renamed file: nothing converted, nothing embedded', async () => {
    await run();
    await mkdir(path.join(docs, 'archive'), { recursive: true });
    await rename(path.join(docs, 'alpha.txt'), path.join(docs, 'archive', 'alpha-2024.txt'));
    await rename(path.join(docs, 'sub', 'gamma.txt'), path.join(docs, 'sub', 'gamma-renamed.txt'));
    const moved = await run();
    expect(moved).toMatchObject({ converted: 0, embedded: 0, refitted: false, written: true });
    expect(moved.added.sort()).toEqual(['archive/alpha-2024.txt', 'sub/gamma-renamed.txt']);
    expect(moved.removed.sort()).toEqual(['alpha.txt', 'sub/gamma.txt']);
    const index = await new IndexStore(indexDir).load(provider);
    expect(index.chunks.some((c) => c.source === 'alpha.txt' || c.source === 'sub/gamma.txt')).toBe(false);
    const answer = await collect(
      engineFromIndex(index).ask({ question: 'In which room did the alpha committee meet in part 3?' }),
    );
    expect(answer.citations[0]?.source).toBe('archive/alpha-2024.txt');
    // The same bytes under another extension are another kind of document: converted again.
    await rename(path.join(docs, 'archive', 'alpha-2024.txt'), path.join(docs, 'archive', 'alpha-2024.md'));
    expect((await run()).converted).toBe(1);
  });

  it('drops a deleted file from the index', async () => {
    await run();
    await unlink(path.join(docs, 'sub', 'gamma.txt'));
    const s = await run();
    expect(s.removed).toEqual(['sub/gamma.txt']);
    const index = await new IndexStore(indexDir).load(provider);
    expect(index.chunks.some((c) => c.source === 'sub/gamma.txt')).toBe(false);
    expect(
      index.lexical.search('gamma committee', 5).every((h) => index.chunks[h.id]!.source !== 'sub/gamma.txt'),
    ).toBe(true);
  });

  it('indexes a passage shared by two files once, and hands it to the other file when the first goes', async () => {
    const shared = 'The shared onboarding paragraph explains the badge office hours.';
    // Each file is longer than a chunk, so the shared paragraph is a chunk of its own in both.
    const intro =
      'Intro line about zebras and the long, winding history of the striped herd that grazes by the river all summer long every year, as the keepers have recorded in their ledgers since the park opened.';
    await writeFile(
      path.join(docs, 'a-copy.txt'),
      `${shared}\n\nOnly the first copy says this about kiwis, and it says it at length so that the file is longer than one chunk, which takes a good many more words than you might think.`,
    );
    await writeFile(path.join(docs, 'z-copy.txt'), `${intro}\n\n${shared}`);
    const first = await run();
    expect(first.duplicates).toBe(1);
    let index = await new IndexStore(indexDir).load(provider);
    const [chunk, ...others] = index.chunks.filter((c) => c.text === shared);
    expect(others).toEqual([]);
    expect(chunk).toMatchObject({
      source: 'a-copy.txt',
      startLine: 1,
      alsoIn: [{ source: 'z-copy.txt', startLine: 3, endLine: 3 }],
    });
    expect(chunk!.alsoIn![0]!.startOffset).toBe(intro.length + 2);
    expect(index.manifest.files['z-copy.txt']?.chunks).toBe(2);

    await unlink(path.join(docs, 'a-copy.txt'));
    const second = await run();
    expect(second).toMatchObject({ removed: ['a-copy.txt'], refitted: false, embedded: 0 });
    index = await new IndexStore(indexDir).load(provider);
    expect(index.chunks.filter((c) => c.text === shared)).toEqual([
      expect.objectContaining({ source: 'z-copy.txt', startLine: 3 }),
    ]);
    expect(index.chunks.find((c) => c.text === shared)?.alsoIn).toBeUndefined();
  });

  it('skips, with a reason, names a citation could not point back to (backslash, line break)', async () => {
    await writeFile(path.join(docs, 'back\\slash.txt'), article('delta'));
    await writeFile(path.join(docs, 'new\nline.txt'), article('epsilon'));
    const s = await run();
    expect(s.files).toBe(3);
    expect(s.skipped).toEqual([
      { source: 'back\\slash.txt', reason: expect.stringContaining('backslash') },
      { source: 'new\nline.txt', reason: expect.stringContaining('control character') },
    ]);
  });

  it('reports a non-UTF-8 file and goes on', async () => {
    await writeFile(path.join(docs, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]));
    const s = await run();
    expect(s.skipped).toContainEqual({
      source: 'latin1.txt',
      reason: expect.stringMatching(/^not valid UTF-8 text \(looks like a legacy 8-bit encoding/),
    });
    expect(s.files).toBe(3);
  });

  it('leaves the previous index live when a run fails before it is saved', async () => {
    await run();
    const store = new IndexStore(indexDir);
    const generation = await store.current();
    await writeFile(path.join(docs, 'alpha.txt'), 'Completely different text about walruses.');
    await expect(
      ingest({
        docsDir: docs,
        indexDir,
        provider,
        beforeSave: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(await store.current()).toBe(generation);
    const index = await store.load(provider);
    expect(index.chunks.some((c) => c.text.includes('walruses'))).toBe(false);
  });

  it('refuses vectors a graph cannot hold, saying why: a short or ragged batch, or another length than the index', async () => {
    const returning = (reshape: (vectors: number[][]) => number[][]) => ({
      ...provider,
      fit: async (texts: string[]) => withVectors(await provider.fit(texts), reshape),
      restore: (state: unknown) => withVectors(provider.restore(state), reshape),
    });
    const withVectors = (fitted: FittedEmbedder, reshape: (vectors: number[][]) => number[][]) => ({
      ...fitted,
      embeddings: {
        embedDocuments: async (t: string[]) => reshape(await fitted.embeddings.embedDocuments(t)),
        embedQuery: (t: string) => fitted.embeddings.embedQuery(t),
      } as never,
    });
    const attempt = (reshape: (vectors: number[][]) => number[][]) =>
      ingest({ docsDir: docs, indexDir, provider: returning(reshape), chunking: { chunkSize: 200, chunkOverlap: 20 } });
    await expect(attempt((v) => v.slice(1))).rejects.toMatchObject({
      code: 'upstream_error',
      message: expect.stringMatching(/returned \d+ vectors for \d+ texts/),
    });
    await expect(attempt((v) => v.map((x, i) => (i === 1 ? x.slice(0, 10) : x)))).rejects.toMatchObject({
      message: 'The embedding model returned a 10-dimensional vector among 1024-dimensional ones.',
    });
    await run();
    await writeFile(path.join(docs, 'delta.txt'), article('delta'));
    await expect(attempt((v) => v.map((x) => x.slice(0, 10)))).rejects.toMatchObject({
      message: expect.stringMatching(
        /10-dimensional vector, but the index holds 1024-dimensional ones.*npm run ingest -- --force/,
      ),
    });
  });

  it('answers the same after reloading the index from disk', async () => {
    await run();
    const question = { question: 'Where did the beta committee meet in part 3?' };
    const a = await collect(engineFromIndex(await new IndexStore(indexDir).load(provider)).ask(question));
    const b = await collect(engineFromIndex(await new IndexStore(indexDir).load(provider)).ask(question));
    expect(b).toEqual(a);
    expect(a.passages[0]?.source).toBe('beta.md');
  });

  it('refuses an index built by another embedder, saying how to rebuild', async () => {
    await run();
    const other = localHashProvider({ dimensions: 256, charNgrams: [3], charWeight: 0.3, bigramWeight: 0.5 });
    await expect(new IndexStore(indexDir).load(other)).rejects.toThrow(/--force/);
  });

  it('keeps a loadable index when the process is killed mid-ingest', async () => {
    await run();
    const generation = await new IndexStore(indexDir).current();
    // Enough new text that the kill lands while the run is still working.
    for (let i = 0; i < 200; i++) await writeFile(path.join(docs, `bulk-${i}.txt`), article(`topic${i}`, 40));
    const script = `import { ingest } from ${JSON.stringify(path.resolve('ingest/ingest.ts'))};
import { localHashProvider } from ${JSON.stringify(path.resolve('core/providers/local-hash.ts'))};
await ingest({ docsDir: ${JSON.stringify(docs)}, indexDir: ${JSON.stringify(indexDir)}, provider: localHashProvider(), chunking: { chunkSize: 200, chunkOverlap: 20 } });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const store = new IndexStore(indexDir);
    const live = await store.current();
    const index = await store.load(provider);
    expect(index.chunks.length).toBeGreaterThan(0);
    // Either the old generation or a complete new one; never a half-written one.
    if (live === generation) expect(index.chunks.some((c) => c.source.startsWith('bulk-'))).toBe(false);
    else expect(new Set(index.chunks.map((c) => c.source)).size).toBe(203);
    // The next run finishes the job and clears leftovers.
    await run();
    expect((await readdir(indexDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
