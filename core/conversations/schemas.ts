/**
 * The conversation and feedback API's contract (issue 21), as zod schemas shared by the server, the
 * chat page and the OpenAPI document, like core/protocol.ts.
 */
import { z } from 'zod/v4';
import { CitationSchema, LIMITS, PassageSchema, RecordIdSchema } from '../protocol.js';

export const TITLE_CHARS = 200;
export const CORRECTION_CHARS = LIMITS.historyAnswerChars;
export const NOTE_CHARS = 2000;

const isoTime = z.string().describe('ISO 8601 time');

/** How long an answer took: question to passages, passages to answer, and in all (milliseconds). */
export const TimingsSchema = z.object({
  retrievalMs: z.number().optional(),
  generationMs: z.number().optional(),
  totalMs: z.number().optional(),
});
export type Timings = z.infer<typeof TimingsSchema>;

export const RatingSchema = z.enum(['up', 'down']);
export type Rating = z.infer<typeof RatingSchema>;

const correction = z.string().trim().max(CORRECTION_CHARS, `correction must be at most ${CORRECTION_CHARS} characters`);
const note = z.string().trim().max(NOTE_CHARS, `note must be at most ${NOTE_CHARS} characters`);

/** One turn's feedback as stored (one per turn: giving it again replaces it). */
export const FeedbackSchema = z.object({
  turnId: RecordIdSchema,
  rating: RatingSchema,
  correction: z.string().optional(),
  note: z.string().optional(),
  createdAt: isoTime,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** POST /api/feedback. A correction saying "not in the documents" marks the question unanswerable. */
export const FeedbackRequestSchema = z.object({
  turnId: RecordIdSchema,
  rating: RatingSchema,
  correction: correction.optional(),
  note: note.optional(),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;

/** A stored question and its answer, with the evidence it was given, how, how fast, and its feedback. */
export const TurnViewSchema = z.object({
  id: RecordIdSchema,
  question: z.string(),
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(CitationSchema),
  passages: z.array(PassageSchema),
  unsupported: z.array(z.string()).optional(),
  fallback: z.boolean().optional(),
  /** Declined with the closest passage shown (its first citation). */
  closest: z.boolean().optional(),
  /** The answerer that wrote it: `extractive` or `llm`. */
  answerMode: z.string(),
  timings: TimingsSchema,
  createdAt: isoTime,
  feedback: FeedbackSchema.optional(),
});
export type TurnView = z.infer<typeof TurnViewSchema>;

export const ConversationSummarySchema = z.object({
  id: RecordIdSchema,
  title: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Turns shown (answers replaced by a regenerate or an edit are not counted). */
  turns: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

/** GET /api/conversations/{id}: the conversation with its turns in order. */
export const ConversationSchema = ConversationSummarySchema.extend({ turns: z.array(TurnViewSchema) });
export type Conversation = z.infer<typeof ConversationSchema>;

/** GET /api/conversations: newest first (by last activity), a page at a time. */
export const ConversationListSchema = z.object({
  conversations: z.array(ConversationSummarySchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;

export const ConversationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
  /** Only conversations whose title contains this (any case). */
  q: z.string().trim().max(TITLE_CHARS).optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

export const ConversationParamsSchema = z.object({ id: RecordIdSchema });

/** PATCH /api/conversations/{id}. */
export const RenameRequestSchema = z.object({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(TITLE_CHARS, `title must be at most ${TITLE_CHARS} characters`),
});

/** DELETE /api/conversations/{id}. */
export const DeletedResponseSchema = z.object({ id: RecordIdSchema, deleted: z.literal(true) });

/** GET /api/feedback/export?since=…: feedback given on or after a date (or time). */
export const FeedbackExportQuerySchema = z.object({
  since: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'since must be a date such as 2026-12-01')
    .optional(),
});

/** GET /api/suggestions: questions to start from, drawn from the documents. */
export const SuggestionsResponseSchema = z.object({ questions: z.array(z.string()) });

/** GET /api/titles: each indexed document's title (its first heading or first line). */
export const TitlesResponseSchema = z.object({ titles: z.record(z.string(), z.string()) });
export type TitlesResponse = z.infer<typeof TitlesResponseSchema>;
