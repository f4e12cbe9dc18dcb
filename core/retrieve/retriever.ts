import type { Passage, Turn } from '../types.js';

export interface RetrievalQuery {
  question: string;
  /** Earlier turns; their questions may help a follow-up find its topic. */
  history?: Turn[];
  k: number;
  /** Aborts work that calls out (a model rewriting a follow-up question, a remote embedding). */
  signal?: AbortSignal;
}

/** The retrieval seam: a question in, passages out, best first. */
export interface Retriever {
  retrieve(query: RetrievalQuery): Promise<Passage[]>;
}
