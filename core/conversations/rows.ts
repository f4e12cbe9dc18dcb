import type { Citation } from '../location.js';
import type { PassageView } from '../protocol.js';
import type { ConversationSummary, Feedback, Rating, Timings, TurnView } from './schemas.js';

/** Rows as the drivers return them: PostgreSQL's BIGINT and COUNT come back as strings, so numbers are read with Number. */
export interface ConversationRow {
  id: string;
  title: string;
  created_at: number | string;
  updated_at: number | string;
  turns: number | string;
  [column: string]: unknown;
}

export interface TurnRow {
  id: string;
  conversation_id: string;
  position: number;
  question: string;
  answer: string;
  abstained: number;
  citations: string;
  passages: string;
  extras: string;
  answer_mode: string;
  timings: string;
  created_at: number | string;
  rating: string | null;
  correction: string | null;
  note: string | null;
  feedback_at: number | string | null;
  [column: string]: unknown;
}

export const iso = (ms: number | string): string => new Date(Number(ms)).toISOString();

export function summaryOf(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    turns: Number(row.turns),
  };
}

export function feedbackOf(row: TurnRow): Feedback | undefined {
  if (row.rating === null || row.feedback_at === null) return undefined;
  return {
    turnId: row.id,
    rating: row.rating as Rating,
    ...(row.correction !== null ? { correction: row.correction } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    createdAt: iso(row.feedback_at),
  };
}

export function turnOf(row: TurnRow): TurnView {
  const extras = JSON.parse(row.extras) as { unsupported?: string[]; fallback?: boolean; closest?: boolean };
  const feedback = feedbackOf(row);
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    abstained: Number(row.abstained) === 1,
    citations: JSON.parse(row.citations) as Citation[],
    passages: JSON.parse(row.passages) as PassageView[],
    ...(extras.unsupported ? { unsupported: extras.unsupported } : {}),
    ...(extras.fallback !== undefined ? { fallback: extras.fallback } : {}),
    ...(extras.closest ? { closest: true } : {}),
    answerMode: row.answer_mode,
    timings: JSON.parse(row.timings) as Timings,
    createdAt: iso(row.created_at),
    ...(feedback ? { feedback } : {}),
  };
}

/** A page boundary: the last conversation shown, by its time and id (opaque to clients). */
export function encodeCursor(updatedAt: number, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { updatedAt: number; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string')
      return { updatedAt: value[0], id: value[1] };
  } catch {
    /* not one of ours */
  }
  return undefined;
}
