/**
 * The vector half behind the VectorStore seam: the same contract holds for the index's own HNSWLib
 * graph and for LangChain's MemoryVectorStore filled by copyVectors, and the library entry retrieves
 * the same passages through either.
 */
import { Document } from '@langchain/core/documents';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import type { VectorStore } from '@langchain/core/vectorstores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryIndex } from '../../test/library-index.js';
import { built } from '../../test/fakes/vector-store-factory.js';
import { IndexStore, type LoadedIndex } from '../index/store.js';
import { localHashProvider } from '../providers/local-hash.js';
import { openIndex } from './index.js';
import { copyVectors, IndexedVectors } from './vector-store.js';

let fixture: Awaited<ReturnType<typeof libraryIndex>>;
let index: LoadedIndex;
beforeAll(async () => {
  fixture = await libraryIndex();
  index = await new IndexStore(fixture.indexDir).load(localHashProvider());
});
afterAll(() => fixture.cleanup());

const QUESTIONS = ['Who chaired the committee?', 'What did the budget rise to?', 'How was the weather in Geneva?'];

describe.each([
  ['HNSWLib (the local index)', async () => new IndexedVectors(index.vectors, index.chunks, 'distance')],
  [
    'MemoryVectorStore (copied)',
    async () => {
      const store = new MemoryVectorStore(index.embedder.embeddings);
      expect(await copyVectors(index, store)).toBe(index.chunks.length);
      return new IndexedVectors(store, index.chunks, 'similarity');
    },
  ],
])('the vector seam over %s', (_, open) => {
  let vectors: VectorStore;
  beforeAll(async () => {
    vectors = await open();
  });

  it("finds each chunk as its own vector's nearest neighbour, with its id and a distance near 0", async () => {
    for (const chunk of index.chunks) {
      const [[doc, distance]] = (await vectors.similaritySearchVectorWithScore(
        await index.embedder.embeddings.embedQuery(chunk.text),
        1,
      )) as [[Document, number]];
      expect(Number(doc.metadata.id)).toBe(chunk.id);
      expect(doc.pageContent).toBe(chunk.text);
      // The local graph ranks by int8 copies of the vectors (core/index/folded.ts): about 1e-5 from exact.
      expect(distance).toBeCloseTo(0, 4);
    }
  });

  it('ranks chunks for a question the way the local graph does, nearest first', async () => {
    for (const question of QUESTIONS) {
      const query = await index.embedder.embeddings.embedQuery(question);
      const local = await index.vectors.similaritySearchVectorWithScore(query, index.chunks.length);
      const hits = await vectors.similaritySearchVectorWithScore(query, index.chunks.length);
      expect(hits.map(([d]) => Number(d.metadata.id))).toEqual(local.map(([d]) => Number(d.metadata.id)));
      for (const [i, [, distance]] of hits.entries()) expect(distance).toBeCloseTo(local[i]![1], 5);
    }
  });
});

describe('an external store', () => {
  it('drops hits a previous ingest left (an id naming no chunk, or another text)', async () => {
    const store = new MemoryVectorStore(index.embedder.embeddings);
    await copyVectors(index, store);
    const vector = await index.embedder.embeddings.embedQuery(index.chunks[0]!.text);
    await store.addVectors(
      [vector, vector],
      [
        new Document({ pageContent: 'stale text', metadata: { id: 0 } }),
        new Document({ pageContent: 'gone', metadata: { id: 999 } }),
      ],
    );
    const hits = await new IndexedVectors(store, index.chunks).similaritySearchVectorWithScore(vector, 3);
    expect(hits.map(([d]) => d.pageContent)).not.toContain('stale text');
    expect(hits.map(([d]) => d.pageContent)).not.toContain('gone');
    expect(hits[0]![0].pageContent).toBe(index.chunks[0]!.text);
  });

  it('named in configuration (VECTOR_STORE=./module#export) serves the library entry the same passages as the local graph', async () => {
    const local = await openIndex(fixture.indexDir, { env: {}, k: 2 });
    const external = await openIndex(fixture.indexDir, {
      env: { VECTOR_STORE: './test/fakes/vector-store-factory.ts#memoryStore', VECTOR_STORE_COPY: '1' },
      k: 2,
    });
    expect(built).toHaveLength(1);
    expect(built[0]!.memoryVectors).toHaveLength(index.chunks.length);
    for (const question of QUESTIONS) {
      const [a, b] = await Promise.all([local.retriever.invoke(question), external.retriever.invoke(question)]);
      expect(b.map((d) => d.metadata.chunkId)).toEqual(a.map((d) => d.metadata.chunkId));
    }
  });

  it('VECTOR_STORE=memory copies the vectors in without being asked', async () => {
    const external = await openIndex(fixture.indexDir, { env: { VECTOR_STORE: 'memory' }, k: 1 });
    const [doc] = await external.retriever.invoke('Who chaired the committee?');
    expect(doc?.metadata).toMatchObject({ file: 'guide.md', heading: 'Committee > Meetings' });
  });
});
