/** A heading of a structured document, at the offset of its line in the extracted text. */
export interface Heading {
  offset: number;
  /** 1 for a top-level heading. */
  level: number;
  title: string;
}

/** Where a document's text has structure that citations can name. */
export interface Structure {
  /** Offset where each page starts (PDF), ascending, first is 0. */
  pageStarts?: number[];
  headings?: Heading[];
}

export type LoadResult = ({ ok: true; text: string; format: string } & Structure) | { ok: false; reason: string };

export interface LoaderContext {
  /** Extraction stops (and the file is skipped) once the text grows past this. */
  maxTextChars: number;
}

/** One document format: bytes in, the text citations point into (plus structure) or a reason out. */
export type Loader = (bytes: Uint8Array, ctx: LoaderContext) => Promise<LoadResult>;

export const tooMuchText = (max: number): LoadResult => ({
  ok: false,
  reason: `extracted text longer than ${max} characters (raise MAX_TEXT_CHARS)`,
});
