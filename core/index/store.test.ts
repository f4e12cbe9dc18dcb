import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bm25Index } from '../lexical/bm25.js';
import { localHashProvider } from '../providers/local-hash.js';
import { HybridRetriever } from '../retrieve/hybrid.js';
import { terms } from '../text/tokenize.js';
import type { Chunk } from '../types.js';
import { INDEX_FORMAT, type Manifest } from './manifest.js';
import { IndexStore } from './store.js';
import { buildVectorStore, labelledDocuments, labelsByText, planVectorUpdate, updateVectorStore } from './vectors.js';

const texts = [
  'The Normans gave their name to Normandy, a region in France.',
  'Oxygen was discovered by Carl Wilhelm Scheele in Uppsala.',
  'The Amazon rainforest covers most of the Amazon basin of South America.',
  'Fresno is a city in the San Joaquin Valley of California.',
];
const chunks: Chunk[] = texts.map((text, id) => ({
  source: `d${id}.txt`,
  startLine: 1,
  endLine: 1,
  startOffset: 0,
  endOffset: text.length,
  id,
  text,
}));
const root = await mkdtemp(path.join(os.tmpdir(), 'store-test-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function indexData() {
  const provider = localHashProvider();
  const embedder = await provider.fit(texts);
  const vectors = await buildVectorStore(embedder, chunks, await embedder.embeddings.embedDocuments(texts));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    createdAt: new Date(0).toISOString(),
    embedder: provider.spec,
    chunking: { chunkSize: 700, chunkOverlap: 120 },
    files: {},
    counts: { files: 4, chunks: 4, dimensions: 1024 },
  };
  return { provider, data: { manifest, chunks, embedder, vectors, lexical: await Bm25Index.build(chunks) } };
}

async function hits(dir: string, lazyTexts = false) {
  const index = await new IndexStore(dir).load(localHashProvider(), { lazyTexts });
  const retriever = HybridRetriever.fromIndex(index);
  return {
    index,
    passages: await retriever.retrieve({ question: 'Who discovered oxygen?', k: 4 }),
    vector: await retriever.vectorHits('rainforest basin', 4),
  };
}

describe('IndexStore', () => {
  it('writes format 2 without a docstore copy of the texts, and reads back the same chunks and rankings', async () => {
    const { data } = await indexData();
    const dir = path.join(root, 'v2');
    const generation = await new IndexStore(dir).save(data);
    expect((await readdir(path.join(dir, generation))).sort()).toEqual([
      'chunks.bin',
      'embedder.json',
      'lexical.bin',
      'manifest.json',
      'vectors',
    ]);
    expect((await readdir(path.join(dir, generation, 'vectors'))).sort()).toEqual([
      'args.json',
      'hnswlib.index',
      'hnswlib.index.i8',
      'labels.bin',
    ]);
    const { index, passages, vector } = await hits(dir);
    expect(index.chunks).toEqual(chunks);
    expect(passages[0]?.chunk.id).toBe(1);
    expect(vector[0]?.id).toBe(2);
    // A server's load, texts decoded when read: the same chunks and the same passages.
    const lazy = await hits(dir, true);
    expect(lazy.index.chunks).toStrictEqual(index.chunks);
    expect(lazy.passages).toStrictEqual(passages);
    expect(lazy.vector).toEqual(vector);
    // Written by format 2 (the same files; format 3 only adds chunks-added.bin beside some): still loaded.
    const v2 = path.join(root, 'v2-manifest');
    await new IndexStore(v2).save({ ...data, manifest: { ...data.manifest, format: 2 } });
    expect((await new IndexStore(v2).load(localHashProvider())).chunks).toEqual(chunks);
  });

  it("finds a loaded graph's labels by text from its label table as from its docstore, deleted labels left out", async () => {
    const { data } = await indexData();
    // Chunk 1's text gone and a new one added: a label marked deleted, and one past the kept ones.
    const next = [chunks[0]!, chunks[2]!, chunks[3]!, { ...chunks[1]!, text: 'Gold was found in California.' }].map(
      (c, id) => ({ ...c, id }),
    );
    const plan = planVectorUpdate(data.vectors, next);
    const fresh = new Map([[3, (await data.embedder.embeddings.embedDocuments([next[3]!.text]))[0]!]]);
    await updateVectorStore(data.vectors, next, plan, fresh);
    const dir = path.join(root, 'labels');
    await new IndexStore(dir).save({ ...data, chunks: next, lexical: await Bm25Index.build(next) });
    const { vectors } = await new IndexStore(dir).load(localHashProvider());
    const fromDocstore = new Map([...labelledDocuments(vectors)].map(([label, doc]) => [doc.pageContent, label]));
    expect(fromDocstore.size).toBe(4);
    expect(labelsByText(vectors)).toEqual(fromDocstore);
  });

  it('plans an update by chunk id (`from`) as by text, and leaves a label table over the new chunks', async () => {
    const { data } = await indexData();
    const dir = path.join(root, 'from');
    await new IndexStore(dir).save(data);
    const loaded = await new IndexStore(dir).load(localHashProvider());
    const next = [chunks[0]!, chunks[2]!, { ...chunks[1]!, text: 'Gold was found in California.' }, chunks[3]!].map(
      (c, id) => ({ ...c, id }),
    );
    const from = Int32Array.of(0, 2, -1, 3);
    const plan = planVectorUpdate(loaded.vectors, next, from);
    expect(plan).toEqual(planVectorUpdate(loaded.vectors, next));
    expect(plan.stale).toHaveLength(1);
    const fresh = new Map([[2, (await data.embedder.embeddings.embedDocuments([next[2]!.text]))[0]!]]);
    await updateVectorStore(loaded.vectors, next, plan, fresh);
    const docs = labelledDocuments(loaded.vectors);
    expect([...docs.values()].map((d) => [d.metadata.id, d.pageContent]).sort()).toEqual(
      next.map((c) => [c.id, c.text]).sort(),
    );
    // Updated again, as a kept generation is by the next run: planned from the new table, by id.
    const again = [...next, { ...chunks[0]!, id: 4, text: 'Tin was mined in Cornwall.' }];
    expect(planVectorUpdate(loaded.vectors, again, Int32Array.of(0, 1, 2, 3, -1))).toEqual(
      planVectorUpdate(loaded.vectors, again),
    );
  });

  it('still loads a format-1 index (JSON files, LangChain HNSWLib folder) with the same results', async () => {
    const { data } = await indexData();
    const dir = path.join(root, 'v1');
    const generation = 'gen-old';
    const gen = path.join(dir, generation);
    await mkdir(gen, { recursive: true });
    const postings: Record<string, number[]> = {};
    const lengths = texts.map((text, i) => {
      const ts = terms(text);
      for (const t of new Set(ts)) (postings[t] ??= []).push(i, ts.filter((x) => x === t).length);
      return ts.length;
    });
    await writeFile(path.join(gen, 'manifest.json'), JSON.stringify({ ...data.manifest, format: 1 }));
    await writeFile(path.join(gen, 'chunks.json'), JSON.stringify(chunks));
    await writeFile(
      path.join(gen, 'lexical.json'),
      JSON.stringify({ params: { k1: 1.2, b: 0.75 }, docIds: [0, 1, 2, 3], lengths, postings }),
    );
    await writeFile(path.join(gen, 'embedder.json'), JSON.stringify(data.embedder.state));
    // What format 1 held: LangChain's HNSWLib folder of a full-dimension graph.
    const vectors = await buildVectorStore(
      data.embedder,
      chunks,
      await data.embedder.embeddings.embedDocuments(texts),
      false,
    );
    await vectors.save(path.join(gen, 'vectors'));
    await writeFile(path.join(dir, 'CURRENT'), `${generation}\n`);
    const old = await hits(dir);
    const now = await hits(path.join(root, 'v2'));
    expect(old.index.chunks).toEqual(chunks);
    expect(old.passages.map((p) => [p.chunk.id, p.score])).toEqual(now.passages.map((p) => [p.chunk.id, p.score]));
    // The graph now ranks by int8 copies of the vectors: the same neighbours, similarities within 0.005.
    expect(old.vector.map((h) => h.id)).toEqual(now.vector.map((h) => h.id));
    old.vector.forEach((h, i) => expect(h.score).toBeCloseTo(now.vector[i]!.score, 2));
  });
});
