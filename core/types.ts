import type { Chunk } from './location.js';

export type { Chunk, ChunkLocation, Citation, SourceSpan } from './location.js';

/** A chunk retrieved for a question, with its fused relevance score (higher is better). */
export interface Passage {
  chunk: Chunk;
  score: number;
}

/** One previous turn of a conversation, oldest first. */
export interface Turn {
  question: string;
  answer: string;
}
