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
  /** 1-based page, for paged documents (PDF). */
  page?: number;
  /** Heading path, e.g. "Install > Linux", for structured documents (Markdown, HTML, Word). */
  section?: string;
  /** The same text found in other files, each with its own place (the invariant holds for each); indexed once. */
  alsoIn?: ChunkLocation[];
}

/** Where a chunk's exact text sits in one source. */
export type ChunkLocation = Pick<Chunk, 'source' | 'startLine' | 'endLine' | 'startOffset' | 'endOffset' | 'page' | 'section'>;

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
  page?: number;
  section?: string;
  /** Other files holding the same passage (duplicates indexed once). */
  alsoIn?: CitationLocation[];
}

export type CitationLocation = Pick<Citation, 'source' | 'startLine' | 'endLine' | 'page' | 'section'>;

/** One previous turn of a conversation, oldest first. */
export interface Turn {
  question: string;
  answer: string;
}
