import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../ingest/ingest.js';
import { IndexStore, type LoadedIndex } from '../index/store.js';
import { localHashProvider } from '../providers/local-hash.js';
import { HybridRetriever } from './hybrid.js';

const corpus = path.resolve(import.meta.dirname, '../../corpus');
let root: string;
let index: LoadedIndex;
let retriever: HybridRetriever;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hybrid-'));
  const provider = localHashProvider();
  await ingest({ docsDir: corpus, indexDir: root, provider });
  index = await new IndexStore(root).load(provider);
  retriever = HybridRetriever.fromIndex(index);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('HybridRetriever', () => {
  it('finds the chunk holding the answer first', async () => {
    const cases: [string, string][] = [
      ['Which crossings along the Durand Line were closed?', 'Torkham and Spin Boldak'],
      ['TAPI gas pipeline and CASA-1000', 'TAPI gas pipeline'],
      ['how many afghans were expelled the day before the visit', 'over 4300 Afghan migrants'],
    ];
    for (const [question, text] of cases) {
      const [top] = await retriever.retrieve({ question, k: 3 });
      expect(top?.chunk.text, question).toContain(text);
    }
  });

  it('returns k passages, best first, without duplicates', async () => {
    const passages = await retriever.retrieve({ question: 'Taliban Pakistan relations', k: 4 });
    expect(passages).toHaveLength(4);
    expect(new Set(passages.map((p) => p.chunk.id)).size).toBe(4);
    for (let i = 1; i < passages.length; i++) expect(passages[i - 1]!.score).toBeGreaterThanOrEqual(passages[i]!.score);
  });

  it("tells each passage what both rankings said of it, relative to each ranking's best", async () => {
    const passages = await retriever.retrieve({ question: 'Which crossings along the Durand Line were closed?', k: 6 });
    for (const { signals } of passages) {
      expect(signals!.lexical).toBeGreaterThanOrEqual(0);
      expect(signals!.lexical).toBeLessThanOrEqual(1);
      expect(signals!.vector).toBeLessThanOrEqual(0);
    }
    expect(Math.max(...passages.map((p) => p.signals!.lexical))).toBe(1);
    expect(Math.max(...passages.map((p) => p.signals!.vector))).toBe(0);
  });

  it('uses both rankings: the vector side finds a chunk from a misspelt query that BM25 misses', async () => {
    const question = 'Zabihulah Mujahidd spokesprson';
    expect(retriever.lexicalHits(question, [], 5)).toEqual([]);
    const [top] = await retriever.retrieve({ question, k: 1 });
    expect(top?.chunk.text).toContain('Zabihullah Mujahid');
  });

  it('lets an earlier question steer a follow-up', async () => {
    const followUp = 'and what did he say about refugees?';
    const history = [{ question: 'What did Zabihullah Mujahid say in the interview with National Radio?', answer: '' }];
    const [top] = await retriever.retrieve({ question: followUp, history, k: 1 });
    expect(top?.chunk.source).toBe('003_c449010215894527.txt');
  });

  it('refuses a question embedding whose length differs from the stored vectors, with the re-ingest message', async () => {
    const other = { embedQuery: async () => [1, 0, 0], embedDocuments: async () => [] };
    const changed = HybridRetriever.fromIndex({ ...index, embedder: { embeddings: other as never } });
    await expect(changed.retrieve({ question: 'Who is the Prime Minister?', k: 3 })).rejects.toMatchObject({
      code: 'index_incompatible',
      message: expect.stringMatching(/3-dimensional .* 1024-dimensional .*npm run ingest -- --force/),
    });
  });

  it('stops waiting for a slow embedding model when the question is cancelled', async () => {
    const hanging = { embedQuery: () => new Promise<number[]>(() => {}), embedDocuments: async () => [] };
    const slow = new HybridRetriever({
      chunks: index.chunks,
      lexical: index.lexical,
      vectors: index.vectors,
      embeddings: hanging as never,
    });
    const controller = new AbortController();
    const asked = slow.retrieve({ question: 'Who is the Prime Minister?', k: 3, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
  });
});
