import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';
import type { VectorStore } from '@langchain/core/vectorstores';
import type { Bm25Index, ScoredId } from '../lexical/bm25.js';
import { terms } from '../text/tokenize.js';
import type { Chunk, Passage, RetrievalSignals } from '../types.js';
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
  /** The length of the stored vectors, which a question's embedding must match. */
  dimensions?: number;
}

/** What a loaded index offers the retriever (structurally `LoadedIndex`, without importing the store). */
export interface RetrievableIndex {
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorStore;
  embedder: { embeddings: EmbeddingsInterface };
  manifest: { counts: { dimensions: number } };
}

/** BM25 over the inverted index and nearest neighbours from the vector store, fused by weighted RRF. */
export class HybridRetriever implements Retriever {
  constructor(
    private readonly sources: HybridSources,
    readonly weights: HybridWeights = DEFAULT_WEIGHTS,
  ) {}

  static fromIndex(index: RetrievableIndex, weights: HybridWeights = DEFAULT_WEIGHTS): HybridRetriever {
    return new HybridRetriever(
      {
        chunks: index.chunks,
        lexical: index.lexical,
        vectors: index.vectors,
        embeddings: index.embedder.embeddings,
        dimensions: index.manifest.counts.dimensions,
      },
      weights,
    );
  }

  async retrieve({ question, history = [], k, signal }: RetrievalQuery): Promise<Passage[]> {
    const { chunks } = this.sources;
    if (chunks.length === 0) return [];
    const depth = Math.min(chunks.length, Math.max(4 * k, 50));
    const [lexical, vector] = await Promise.all([
      this.lexicalHits(question, history, depth),
      this.vectorHits(question, depth, signal),
    ]);
    const fused = fuseRankings(
      [
        { ids: lexical.map((h) => h.id), weight: this.weights.lexical },
        { ids: vector.map((h) => h.id), weight: this.weights.vector },
      ],
      this.weights.c,
    );
    const signalsOf = signalReader(lexical, vector);
    return fused.slice(0, k).map(({ id, score }) => ({ chunk: chunks[id]!, score, signals: signalsOf(id) }));
  }

  lexicalHits(question: string, history: RetrievalQuery['history'] = [], depth: number): ScoredId[] {
    const current = terms(question);
    const earlier = history.slice(-2).flatMap((t) => terms(t.question));
    const weights = [...current.map(() => 1), ...earlier.map(() => this.weights.history)];
    return this.sources.lexical.searchTerms([...current, ...earlier], depth, weights);
  }

  /** Nearest chunks with their cosine similarity (the store reports distance). */
  async vectorHits(question: string, depth: number, signal?: AbortSignal): Promise<ScoredId[]> {
    if (this.weights.vector <= 0) return [];
    // A remote embedding model may be slow; a cancelled question stops waiting for it.
    const query = await abortable(this.sources.embeddings.embedQuery(question), signal);
    const { dimensions } = this.sources;
    if (dimensions && query.length !== dimensions) {
      // The same model name now serves another model: its vectors cannot be compared with the stored ones.
      throw new AppError(
        'index_incompatible',
        `The embedding model returned a ${query.length}-dimensional vector for the question, but the index holds ${dimensions}-dimensional ones: the model has changed. Re-ingest with: npm run ingest -- --force`,
      );
    }
    const hits = await this.sources.vectors.similaritySearchVectorWithScore(query, depth);
    return hits.map(([doc, distance]) => ({ id: Number(doc.metadata.id), score: 1 - distance }));
  }
}

/**
 * Each ranking's judgement of a chunk, relative to its best hit so that another embedding model's
 * similarity scale reads the same: BM25 as a share of the best score, similarity as the distance
 * below the best. A chunk one ranking did not return gets that ranking's worst.
 */
function signalReader(lexical: ScoredId[], vector: ScoredId[]): (id: number) => RetrievalSignals {
  const bestLexical = lexical[0]?.score || 1;
  const bestVector = vector[0]?.score ?? 0;
  const lexicalOf = new Map(lexical.map((h) => [h.id, h.score / bestLexical]));
  const vectorOf = new Map(vector.map((h) => [h.id, h.score - bestVector]));
  const worstVector = vector.length > 0 ? vector[vector.length - 1]!.score - bestVector : 0;
  return (id) => ({ lexical: lexicalOf.get(id) ?? 0, vector: vectorOf.get(id) ?? worstVector });
}
