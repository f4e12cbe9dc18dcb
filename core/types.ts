import type { Chunk } from './location.js';

export type { Chunk, ChunkLocation, Citation, SourceSpan } from './location.js';

/**
 * A chunk retrieved for a question. `score` is the retriever's fused relevance (higher is better);
 * the list's order is final and may come from a reranker, so rank by position, not by score.
 */
export interface Passage {
  chunk: Chunk;
  score: number;
}

/** One previous turn of a conversation, oldest first. */
export interface Turn {
  question: string;
  answer: string;
}
