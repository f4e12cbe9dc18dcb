import { z } from 'zod/v4';
import { CitationSchema, PassageSchema } from '../../core/protocol.js';

/** Where one question is in its life: answering, answered, or ended early. */
export const MessageStatusSchema = z.enum(['waiting', 'streaming', 'done', 'stopped', 'error', 'interrupted']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** One question and everything the page knows about its answer. */
export const MessageSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  status: MessageStatusSchema,
  abstained: z.boolean().default(false),
  citations: z.array(CitationSchema).default([]),
  passages: z.array(PassageSchema).default([]),
  unsupported: z.array(z.string()).optional(),
  fallback: z.boolean().optional(),
  /** Declined, showing the closest sentence (the first citation) instead of an answer. */
  closest: z.boolean().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The stored turn this answer is (for feedback, regenerate and edit); absent until `done` says it was stored. */
  turnId: z.string().optional(),
  /** The feedback given on it. */
  feedback: z.object({ rating: z.enum(['up', 'down']), correction: z.string().optional() }).optional(),
});
export type Message = z.infer<typeof MessageSchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type Passage = z.infer<typeof PassageSchema>;

/** What this browser keeps of the open conversation: its stored id and its messages (those not stored too: stopped, failed). */
export const ConversationSchema = z.object({
  version: z.literal(1),
  conversationId: z.string().optional(),
  messages: z.array(MessageSchema),
});

/** Still waiting on the server for more frames. */
export const isPending = (m: Message): boolean => m.status === 'waiting' || m.status === 'streaming';
