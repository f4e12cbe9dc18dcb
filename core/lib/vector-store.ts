/**
 * Any LangChain VectorStore for the vector half of retrieval (the library entry's `vectorStore`
 * option, or VECTOR_STORE): BM25, the chunks and the reranker stay on this machine; the nearest-
 * neighbour search goes to the store. The store holds one Document per chunk whose metadata.id is
 * the chunk's id, which `copyVectors` writes from the local index (no re-embedding).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import { labelledDocuments } from '../index/vectors.js';
import type { LoadedIndex } from '../index/store.js';
import type { Chunk } from '../types.js';

export interface VectorStoreContext {
  /** The index folder and its manifest (e.g. to name a collection after the embedder). */
  indexDir: string;
  manifest: LoadedIndex['manifest'];
}

/** Builds (or connects to) the store; given the embeddings the index was built with. */
export type VectorStoreFactory = (
  embeddings: EmbeddingsInterface,
  context: VectorStoreContext,
) => VectorStore | Promise<VectorStore>;

/**
 * What `similaritySearchVectorWithScore` returns: HNSWLib (the local index) returns cosine
 * distance, lower is nearer; most stores (MemoryVectorStore, Qdrant, pgvector's cosine) a similarity.
 */
export type ScoreKind = 'similarity' | 'distance';

/** `memory` (LangChain's MemoryVectorStore, for trying it out), or `module#export` / `module` (its default export), a path relative to the working directory or a package. */
export async function factoryFromName(name: string): Promise<VectorStoreFactory> {
  if (name === 'memory') {
    const { MemoryVectorStore } = await import('@langchain/classic/vectorstores/memory');
    return (embeddings) => new MemoryVectorStore(embeddings);
  }
  const hash = name.lastIndexOf('#');
  const [specifier, exported] = hash > 0 ? [name.slice(0, hash), name.slice(hash + 1)] : [name, 'default'];
  const url =
    specifier.startsWith('.') || path.isAbsolute(specifier) ? pathToFileURL(path.resolve(specifier)).href : specifier;
  const factory = ((await import(url)) as Record<string, unknown>)[exported];
  if (typeof factory !== 'function')
    throw new Error(`VECTOR_STORE=${name}: ${specifier} has no function export "${exported}"`);
  return factory as VectorStoreFactory;
}

/** Copy the local index's vectors into `store`, one Document per chunk, `batch` at a time; returns how many. */
export async function copyVectors(index: LoadedIndex, store: VectorStore, batch = 256): Promise<number> {
  const entries = [...labelledDocuments(index.vectors)];
  for (let start = 0; start < entries.length; start += batch) {
    const part = entries.slice(start, start + batch);
    await store.addVectors(
      part.map(([label]) => index.vectors.index.getPoint(label)),
      part.map(([, doc]) => doc),
    );
  }
  return entries.length;
}

/**
 * The store as the hybrid retriever reads it: scores as cosine distances (its convention, HNSWLib's),
 * and only hits that are this index's chunks. A hit whose id names no chunk, or a chunk with another
 * text, is left from a previous ingest (chunk ids change when the corpus does) and is dropped, so a
 * store not yet refreshed with `copyVectors` returns fewer passages, never wrong ones.
 */
export class IndexedVectors extends VectorStore {
  constructor(
    private readonly inner: VectorStore,
    private readonly chunks: Chunk[],
    private readonly scores: ScoreKind = 'similarity',
  ) {
    super(inner.embeddings, {});
  }

  // Called by VectorStore's constructor too, before `inner` is set: a constant.
  _vectorstoreType(): string {
    return 'docqa-indexed';
  }

  addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[] | void> {
    return this.inner.addVectors(vectors, documents);
  }

  addDocuments(documents: DocumentInterface[]): Promise<string[] | void> {
    return this.inner.addDocuments(documents);
  }

  async similaritySearchVectorWithScore(query: number[], k: number): Promise<[DocumentInterface, number][]> {
    const hits = await this.inner.similaritySearchVectorWithScore(query, k);
    return hits
      .filter(([doc]) => this.chunks[Number(doc.metadata.id)]?.text === doc.pageContent)
      .map(([doc, score]) => [doc, this.scores === 'similarity' ? 1 - score : score]);
  }
}

export interface ExternalVectorOptions {
  /** The factory, or its name (see factoryFromName). */
  store: string | VectorStoreFactory;
  scores?: ScoreKind;
  /** Copy the local vectors into the store first (default: only for `memory`, which starts empty). */
  copy?: boolean;
}

/** The store for `index`, wrapped for the hybrid retriever, its vectors copied in when asked. */
export async function externalVectors(
  index: LoadedIndex,
  indexDir: string,
  options: ExternalVectorOptions,
): Promise<IndexedVectors> {
  const factory = typeof options.store === 'string' ? await factoryFromName(options.store) : options.store;
  const store = await factory(index.embedder.embeddings, { indexDir, manifest: index.manifest });
  if (options.copy ?? options.store === 'memory') await copyVectors(index, store);
  return new IndexedVectors(store, index.chunks, options.scores ?? 'similarity');
}
