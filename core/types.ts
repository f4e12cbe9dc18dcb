/** A contiguous span of one source document. `text === source.slice(startOffset, endOffset)` always holds. */
export interface Chunk {
  id: number;
  /** Path relative to the docs folder, with forward slashes. */
  source: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Character (UTF-16 code unit) offsets into the document text; end is exclusive. */
  startOffset: number;
  endOffset: number;
  text: string;
}

/** A chunk retrieved for a question, with its fused relevance score (higher is better). */
export interface Passage {
  chunk: Chunk;
  score: number;
}

/** What a user can check: a position in a source file and the sentence quoted from it. */
export interface Citation {
  source: string;
  startLine: number;
  endLine: number;
  quote: string;
  score: number;
}

/** One previous turn of a conversation, oldest first. */
export interface Turn {
  question: string;
  answer: string;
}
