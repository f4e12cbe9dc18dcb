import type { Chunk } from './location.js';

export type { Chunk, ChunkLocation, Citation, SourceSpan } from './location.js';

/** What the hybrid retriever's two rankings said of a passage, each relative to its best hit. */
export interface RetrievalSignals {
  /** BM25 score as a share of the best one (0..1). */
  lexical: number;
  /** Cosine similarity minus the best one's (≤ 0). */
  vector: number;
}

/** A chunk retrieved for a question, with the relevance score of the ranking that ordered the list (higher is better). */
export interface Passage {
  chunk: Chunk;
  score: number;
  signals?: RetrievalSignals;
  /**
   * A learned ranker's estimate (0..1) that this passage, of those retrieved with it, is the one
   * that answers: unlike a rank, it says how sure the ranker is.
   */
  likelihood?: number;
}

/** One previous turn of a conversation, oldest first. */
export interface Turn {
  question: string;
  answer: string;
}
