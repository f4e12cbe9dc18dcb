import { z } from 'zod/v4';

/**
 * Where text sits in a source file, declared once: the index's chunks, the citations and passages
 * of the protocol, and their duplicates' other places are all built from these schemas.
 */
export const SourceSpanSchema = z.object({
  /** Path relative to the docs folder, with forward slashes. */
  source: z.string(),
  /** 1-based, inclusive. */
  startLine: z.number().int(),
  endLine: z.number().int(),
  /** 1-based page, for paged documents (PDF). */
  page: z.number().int().positive().optional(),
  /** Heading path, e.g. "Install > Linux", for structured documents (Markdown, HTML, Word). */
  section: z.string().optional(),
});
export type SourceSpan = z.infer<typeof SourceSpanSchema>;

/** A span with its character (UTF-16 code unit) offsets into the document text; end is exclusive. */
export const ChunkLocationSchema = SourceSpanSchema.extend({
  startOffset: z.number().int(),
  endOffset: z.number().int(),
});
export type ChunkLocation = z.infer<typeof ChunkLocationSchema>;

/** A contiguous span of one source document. `text === source.slice(startOffset, endOffset)` always holds. */
export const ChunkSchema = ChunkLocationSchema.extend({
  id: z.number().int(),
  text: z.string(),
  /** The same text found in other files, each with its own place (the invariant holds for each); indexed once. */
  alsoIn: z.array(ChunkLocationSchema).optional(),
  /** The heading line of the table the chunk opens inside: its rows alone do not say what their columns are. */
  tableHeading: z.string().optional(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

/** A span an answer shows, with its relevance and the other files holding the same text (duplicates are indexed once). */
export const ScoredSpanSchema = SourceSpanSchema.extend({
  score: z.number(),
  alsoIn: z.array(SourceSpanSchema).optional(),
});

/** What a user can check: a position in a source file and the sentence quoted from it. */
export const CitationSchema = ScoredSpanSchema.extend({ quote: z.string() });
export type Citation = z.infer<typeof CitationSchema>;
