/**
 * The wire contract: every request, response and WebSocket frame, as zod schemas shared by the
 * server, the client and the evals. Parse at the edge, pass the typed values inward.
 */
import { z } from 'zod/v4';
import { CitationSchema, ScoredSpanSchema } from './location.js';

const questionChars = 2000;
const historyTurns = 20;
/** An earlier answer sent back as history; longer ones are cut by the senders (client, /v1), not refused. */
const historyAnswerChars = 20_000;

/**
 * The largest valid ask as JSON (the chat page sends its last 20 turns with every question): the
 * question and every turn at their longest, at up to 3 UTF-8 bytes a character, and 64 KiB for the
 * JSON around them. Whatever carries an ask takes this much, or a valid ask is refused for its size:
 * at 64 KiB, WebSocket frames closed the chat page's connection (1009) and /api/ask bodies got
 * payload_too_large once the history's answers were a few thousand characters long.
 */
const largestAskBytes = 3 * (questionChars + historyTurns * (questionChars + historyAnswerChars)) + 64 * 1024;

export const LIMITS = {
  questionChars,
  idChars: 128,
  historyTurns,
  historyAnswerChars,
  /**
   * A JSON body, under /api and /v1 alike. A chat completion carries an ask in the same characters
   * (the last user message is the question, user/assistant pairs the history) with a few bytes of JSON
   * a message, which the 64 KiB covers: the largest valid ask fits as a chat completion too (a separate
   * 1 MiB for /v1 refused it). Older turns and system prompts, which /v1 drops, share what the ask leaves.
   */
  bodyBytes: largestAskBytes,
  /**
   * Chat clients send the whole conversation (and long system prompts) with every question; /v1
   * keeps only the last `historyTurns` turns, so it takes many more messages.
   */
  chatMessages: 2000,
  /** A WebSocket frame. */
  frameBytes: largestAskBytes,
  maxK: 50,
} as const;

const question = z
  .string({ error: 'question must be a string' })
  .trim()
  .min(1, 'question must not be empty')
  .max(LIMITS.questionChars, `question must be at most ${LIMITS.questionChars} characters`);

/** A stored conversation's or turn's id (issue 21: conversations kept server-side). */
export const RecordIdSchema = z.string().min(1, 'id must not be empty').max(LIMITS.idChars);

/** Where an ask is recorded: the conversation to continue (new when absent) and a turn it replaces (regenerate, edit). */
const RecordFields = {
  /** The stored conversation to continue; absent, a new one is started. Unknown: 404 `not_found`. */
  conversationId: RecordIdSchema.optional(),
  /** A turn of that conversation to answer anew (regenerate, or an edited question): it and the turns after it are set aside. */
  replaceTurnId: RecordIdSchema.optional(),
  /** `false`: answer without keeping it (no conversation, no ids), as an evaluation over HTTP asks. */
  store: z.boolean().optional(),
};

/** The ids an answer was stored under, on the `passages` and `done` events and the JSON answer. */
const RecordedIds = { conversationId: RecordIdSchema.optional(), turnId: RecordIdSchema.optional() };

export const TurnSchema = z.object({
  question: z.string().max(LIMITS.questionChars),
  answer: z.string().max(LIMITS.historyAnswerChars),
});

export const AskRequestSchema = z.object({
  question,
  k: z.number().int().min(1).max(LIMITS.maxK).optional(),
  history: z.array(TurnSchema).max(LIMITS.historyTurns).optional(),
  /** POST /api/ask only: answer as server-sent events (passages, delta, done, error) instead of one JSON body. */
  stream: z.boolean().optional(),
  ...RecordFields,
});
export type AskRequest = z.infer<typeof AskRequestSchema>;

export { CitationSchema } from './location.js';

/** A retrieved passage as clients see it: where it is, its text, its score and its duplicates. */
export const PassageSchema = ScoredSpanSchema.extend({ text: z.string() });
export type PassageView = z.infer<typeof PassageSchema>;

/** Fields a `done` event and a collected answer share beyond the answer itself. */
const AnswerExtras = {
  /** Answer sentences no cited passage supports (LLM mode); the UI flags them. */
  unsupported: z.array(z.string()).optional(),
  /** True when the configured model failed and the extractive answer stands in for it. */
  fallback: z.boolean().optional(),
  /**
   * True on a declined answer that still shows the closest passage: the reader doubts that any phrase
   * answers, but not enough to say the documents are silent. Its first citation is that sentence.
   */
  closest: z.boolean().optional(),
  /** The offline reader's probability that the documents answer the question (its no-answer model). */
  confidence: z.number().min(0).max(1).optional(),
};

export const AskResponseSchema = z.object({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(CitationSchema),
  passages: z.array(PassageSchema),
  ...AnswerExtras,
  ...RecordedIds,
});
export type AskResponse = z.infer<typeof AskResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The answer engine's event stream; every transport only translates these. */
export const AnswerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('passages'), passages: z.array(PassageSchema), ...RecordedIds }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({
    type: z.literal('done'),
    answer: z.string(),
    abstained: z.boolean(),
    citations: z.array(CitationSchema),
    ...AnswerExtras,
    ...RecordedIds,
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
    ...RecordFields,
  }),
  z.object({ type: z.literal('cancel'), id }),
  /** Only when the server has an API key and the upgrade request carried none: must be the first frame. */
  z.object({ type: z.literal('auth'), apiKey: z.string().max(1024) }),
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
  /** The file on disk differs from the version indexed: cited lines may have moved until the next ingest. */
  changedSinceIndexed: z.boolean(),
});
export type SourceResponse = z.infer<typeof SourceResponseSchema>;

const NotIndexedSchema = z.object({ source: z.string(), reason: z.string() });

/**
 * GET /api/documents: the indexed files, the files that could not be converted, the files skipped
 * before converting, and whether uploads are taken.
 */
export const DocumentsResponseSchema = z.object({
  documents: z.array(z.object({ source: z.string(), chunks: z.number().int() })),
  /** Conversion failed (corrupt, encrypted, empty, too much text, too slow), with the reason. */
  failed: z.array(NotIndexedSchema),
  /** Not converted at all (over MAX_FILE_MB, an unsupported type, a name or link the ingest refuses), with the reason. */
  skipped: z.array(NotIndexedSchema),
  /** POST and DELETE /api/documents exist (the server manages its documents folder). */
  uploads: z.boolean(),
});
export type DocumentsResponse = z.infer<typeof DocumentsResponseSchema>;

/** GET /api/sources query. Path safety (traversal, symlinks) is checked against the disk by the route. */
export const SourcesQuerySchema = z.object({
  path: z
    .string({ error: 'path is required' })
    .min(1, 'path must not be empty')
    .max(1024, 'path is too long')
    .refine((p) => !p.includes('\0'), 'path must not contain NUL'),
});

/** GET /api/health: liveness (200 once an index is loaded). */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  index: z.object({ generation: z.string(), files: z.number(), chunks: z.number(), dimensions: z.number() }).loose(),
});

/** GET /api/ready (200 when ready, 503 otherwise) and POST /api/admin/reload. */
export const ReadyResponseSchema = z.object({
  ready: z.boolean(),
  reason: z.string().optional(),
  generation: z.string().optional(),
});

/*
 * The OpenAI-compatible surface (/v1). Only the fields docqa uses are named; other request fields
 * (temperature, max_tokens, ...) are accepted and ignored so stock clients work unchanged.
 */
const ChatContentSchema = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()),
]);

export const ChatMessageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: ChatContentSchema.nullish(),
  })
  .loose();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatCompletionRequestSchema = z
  .object({
    model: z.string().max(256).optional(),
    messages: z.array(ChatMessageSchema).min(1, 'messages must not be empty').max(LIMITS.chatMessages),
    stream: z.boolean().nullish(),
    /** With `include_usage`, a stream ends with one more chunk: no choices, the completion's usage (LangChain asks for it). */
    stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish(),
  })
  .loose();
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/** docqa's extras on a completion (and on the final stream chunk): the answer's evidence, machine-readable. */
const ChatExtras = {
  citations: z.array(CitationSchema),
  abstained: z.boolean(),
  ...AnswerExtras,
};

const UsageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const ChatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
      finish_reason: z.literal('stop'),
      logprobs: z.null(),
    }),
  ),
  usage: UsageSchema,
  ...ChatExtras,
  passages: z.array(PassageSchema),
});
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

export const ChatCompletionChunkSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      delta: z.object({ role: z.literal('assistant').optional(), content: z.string().optional() }),
      finish_reason: z.literal('stop').nullable(),
      logprobs: z.null(),
    }),
  ),
  citations: ChatExtras.citations.optional(),
  abstained: ChatExtras.abstained.optional(),
  ...AnswerExtras,
  /** Only on the usage chunk (`stream_options.include_usage`), whose choices are empty. */
  usage: UsageSchema.optional(),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;

export const ModelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});
export type Model = z.infer<typeof ModelSchema>;

export const ModelListSchema = z.object({ object: z.literal('list'), data: z.array(ModelSchema) });

/** GET /v1/models/{id}: any name is accepted and echoed, within the length a completion's `model` may have. */
export const ModelParamsSchema = z.object({ id: z.string().max(256, 'the model id must be at most 256 characters') });

const IndexCounts = z.object({ files: z.number().int(), chunks: z.number().int(), written: z.boolean() });

/** POST /api/documents (multipart `file`, optional `path` folder): 201 for a new file, 200 for a replaced one, once indexed. */
export const UploadResponseSchema = z.object({
  source: z.string(),
  replaced: z.boolean(),
  format: z.string(),
  index: IndexCounts,
});
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

/** DELETE /api/documents?path=…, once the index no longer holds the file. */
export const DeleteResponseSchema = z.object({ source: z.string(), removed: z.literal(true), index: IndexCounts });
export type DeleteResponse = z.infer<typeof DeleteResponseSchema>;
