import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { VectorStore } from '@langchain/core/vectorstores';
import type { Bm25Index } from '../lexical/bm25.js';
import { terms } from '../text/tokenize.js';
import type { Chunk, Passage } from '../types.js';
import { abortable } from '../abortable.js';
import { fuseRankings } from './fusion.js';
import type { RetrievalQuery, Retriever } from './retriever.js';

export interface HybridWeights {
  lexical: number;
  vector: number;
  /** RRF's damping constant. */
  c: number;
  /** How much an earlier question's terms count, relative to the current one's. */
  history: number;
}

/** Chosen by measurement on the SQuAD tuning articles (see evals/tune-fusion.ts and the README). */
export const DEFAULT_WEIGHTS: HybridWeights = { lexical: 1, vector: 0.15, c: 5, history: 0.3 };

export interface HybridSources {
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorStore;
  embeddings: EmbeddingsInterface;
}

/** What a loaded index offers the retriever (structurally `LoadedIndex`, without importing the store). */
export interface RetrievableIndex {
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorStore;
  embedder: { embeddings: EmbeddingsInterface };
}

/** BM25 over the inverted index and nearest neighbours from the vector store, fused by weighted RRF. */
export class HybridRetriever implements Retriever {
  constructor(
    private readonly sources: HybridSources,
    readonly weights: HybridWeights = DEFAULT_WEIGHTS,
  ) {}

  static fromIndex(index: RetrievableIndex, weights: HybridWeights = DEFAULT_WEIGHTS): HybridRetriever {
    return new HybridRetriever({ chunks: index.chunks, lexical: index.lexical, vectors: index.vectors, embeddings: index.embedder.embeddings }, weights);
  }

  async retrieve({ question, history = [], k, signal }: RetrievalQuery): Promise<Passage[]> {
    const { chunks } = this.sources;
    if (chunks.length === 0) return [];
    const depth = Math.min(chunks.length, Math.max(4 * k, 50));
    const [lexical, vector] = await Promise.all([this.lexicalIds(question, history, depth), this.vectorIds(question, depth, signal)]);
    const fused = fuseRankings(
      [
        { ids: lexical, weight: this.weights.lexical },
        { ids: vector, weight: this.weights.vector },
      ],
      this.weights.c,
    );
    return fused.slice(0, k).map(({ id, score }) => ({ chunk: chunks[id]!, score }));
  }

  lexicalIds(question: string, history: RetrievalQuery['history'] = [], depth: number): number[] {
    const current = terms(question);
    const earlier = history.slice(-2).flatMap((t) => terms(t.question));
    const weights = [...current.map(() => 1), ...earlier.map(() => this.weights.history)];
    return this.sources.lexical.searchTerms([...current, ...earlier], depth, weights).map((r) => r.id);
  }

  async vectorIds(question: string, depth: number, signal?: AbortSignal): Promise<number[]> {
    if (this.weights.vector <= 0) return [];
    // A remote embedding model may be slow; a cancelled question stops waiting for it.
    const query = await abortable(this.sources.embeddings.embedQuery(question), signal);
    const hits = await this.sources.vectors.similaritySearchVectorWithScore(query, depth);
    return hits.map(([doc]) => Number(doc.metadata.id));
  }
}
