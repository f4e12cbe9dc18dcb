import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexStore } from '../../core/index/store.js';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { writeSyntheticCorpus } from '../../evals/synthetic.js';
import { ingest } from '../ingest.js';
import { idleThreads } from './ingest-thread.js';
import { HELPER_MIN_CHUNKS } from './vector-thread.js';

const provider = localHashProvider();
let root: string;
let docs: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ingest-threads-'));
  docs = path.join(root, 'docs');
  // Small chunks: enough of them for the helper thread to build the graph, from little text.
  const words = 'city games river bridge council harbour museum railway festival market school tower'.split(' ');
  const paragraphs = Array.from({ length: 40 }, (_, p) =>
    Array.from(
      { length: 8 },
      (_, s) =>
        `The ${words[(p + s) % 12]} of district ${p} opened in ${1850 + p * 3 + s} near the ${words[(p * s) % 12]}.`,
    ).join(' '),
  );
  await writeSyntheticCorpus(docs, 800, paragraphs);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const chunking = { chunkSize: 200, chunkOverlap: 20 };
const graph = async (indexDir: string) => {
  const generation = await new IndexStore(indexDir).current();
  return readFile(path.join(indexDir, generation!, 'vectors', 'hnswlib.index'));
};

describe('ingest on threads', () => {
  it('writes the same index as ingesting on the calling thread, graph byte for byte, and reports progress', async () => {
    const events: string[] = [];
    const threaded = await ingest({
      docsDir: docs,
      indexDir: path.join(root, 'threads'),
      provider,
      chunking,
      threads: true,
      onProgress: (e) => events.push(e.phase),
    });
    const inline = await ingest({ docsDir: docs, indexDir: path.join(root, 'inline'), provider, chunking });
    expect(threaded.chunks).toBeGreaterThanOrEqual(HELPER_MIN_CHUNKS);
    expect(threaded).toMatchObject({ chunks: inline.chunks, embedded: inline.embedded, written: true });
    expect(new Set(events)).toEqual(new Set(['read', 'embed']));
    expect((await graph(path.join(root, 'threads'))).equals(await graph(path.join(root, 'inline')))).toBe(true);
    const [a, b] = await Promise.all(
      ['threads', 'inline'].map((d) => new IndexStore(path.join(root, d)).load(provider)),
    );
    expect(a!.chunks).toEqual(b!.chunks);
    const question = 'Which city hosted the games?';
    expect(await a!.vectors.similaritySearch(question, 5)).toEqual(await b!.vectors.similaritySearch(question, 5));
  }, 120_000);

  it('updates the graph in place on the thread when one file changes, and says when nothing did', async () => {
    const indexDir = path.join(root, 'threads');
    const unchanged = await ingest({ docsDir: docs, indexDir, provider, chunking, threads: true });
    expect(unchanged.written).toBe(false);
    await appendFile(path.join(docs, 'part-0', 'doc-0.txt'), '\n\nA new paragraph about the shrew named Pip.\n');
    const changed = await ingest({ docsDir: docs, indexDir, provider, chunking, threads: true });
    expect(changed).toMatchObject({ written: true, changed: ['part-0/doc-0.txt'], refitted: false });
    expect(changed.embedded).toBeLessThan(10);
  }, 60_000);

  it('keeps its thread idle for the next run, unless told not to', async () => {
    const indexDir = path.join(root, 'threads');
    await ingest({ docsDir: docs, indexDir, provider, chunking, threads: true });
    expect(idleThreads()).toBe(1);
    const again = await ingest({ docsDir: docs, indexDir, provider, chunking, threads: true, keepThread: false });
    expect(again.written).toBe(false);
    expect(idleThreads()).toBe(0);
  }, 60_000);

  it('brings a folder error back as it is, so the CLI can name it', async () => {
    const missing = path.join(root, 'nope');
    await expect(
      ingest({ docsDir: missing, indexDir: path.join(root, 'x'), provider, threads: true }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
