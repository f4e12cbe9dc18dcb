/**
 * The wire contract: every request, response and WebSocket frame, as zod schemas shared by the
 * server, the client and the evals. Parse at the edge, pass the typed values inward.
 */
import { z } from 'zod/v4';

export const LIMITS = {
  questionChars: 2000,
  idChars: 128,
  historyTurns: 20,
  bodyBytes: 64 * 1024,
  frameBytes: 64 * 1024,
  maxK: 50,
} as const;

const question = z
  .string({ error: 'question must be a string' })
  .trim()
  .min(1, 'question must not be empty')
  .max(LIMITS.questionChars, `question must be at most ${LIMITS.questionChars} characters`);

export const TurnSchema = z.object({
  question: z.string().max(LIMITS.questionChars),
  answer: z.string().max(20_000),
});

export const AskRequestSchema = z.object({
  question,
  k: z.number().int().min(1).max(LIMITS.maxK).optional(),
  history: z.array(TurnSchema).max(LIMITS.historyTurns).optional(),
});
export type AskRequest = z.infer<typeof AskRequestSchema>;

/** Where a converted document's span sits beyond lines: a PDF page, a Markdown heading path. */
const Position = {
  page: z.number().int().positive().optional(),
  section: z.string().optional(),
};

export const CitationSchema = z.object({
  source: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  quote: z.string(),
  score: z.number(),
  ...Position,
});

export const PassageSchema = z.object({
  source: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  text: z.string(),
  score: z.number(),
  ...Position,
});
export type PassageView = z.infer<typeof PassageSchema>;

/** Fields a `done` event and a collected answer share beyond the answer itself. */
const AnswerExtras = {
  /** Answer sentences no cited passage supports (LLM mode); the UI flags them. */
  unsupported: z.array(z.string()).optional(),
  /** True when the configured model failed and the extractive answer stands in for it. */
  fallback: z.boolean().optional(),
};

export const AskResponseSchema = z.object({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(CitationSchema),
  passages: z.array(PassageSchema),
  ...AnswerExtras,
});
export type AskResponse = z.infer<typeof AskResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The answer engine's event stream; every transport only translates these. */
export const AnswerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('passages'), passages: z.array(PassageSchema) }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({
    type: z.literal('done'),
    answer: z.string(),
    abstained: z.boolean(),
    citations: z.array(CitationSchema),
    ...AnswerExtras,
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AnswerEvent = z.infer<typeof AnswerEventSchema>;

const id = z.string().min(1, 'id must not be empty').max(LIMITS.idChars);

export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ask'),
    id,
    question,
    k: AskRequestSchema.shape.k,
    history: AskRequestSchema.shape.history,
  }),
  z.object({ type: z.literal('cancel'), id }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** Server frames are answer events tagged with the question's id (absent only for errors about unparseable frames). */
export type ServerFrame = AnswerEvent & { id?: string };

/** A one-line, human-readable summary of a zod failure, naming the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** GET /api/sources?path=…: a document's text (for converted formats, the extracted text citations point into). */
export const SourceResponseSchema = z.object({
  source: z.string(),
  format: z.string(),
  text: z.string(),
  lines: z.number().int(),
  bytes: z.number().int(),
  /** Character offset where each page starts, for paged formats (PDF). */
  pageStarts: z.array(z.number().int()).optional(),
});
export type SourceResponse = z.infer<typeof SourceResponseSchema>;

/** GET /api/documents: the indexed files. */
export const DocumentsResponseSchema = z.object({
  documents: z.array(z.object({ source: z.string(), chunks: z.number().int() })),
});
