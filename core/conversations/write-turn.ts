import type { Citation } from '../location.js';
import type { PassageView } from '../protocol.js';
import { iso } from './rows.js';
import type { Timings, TurnView } from './schemas.js';
import { shorten } from './shorten.js';
import type { Sql } from './sql.js';

/** A finished answer to store. */
export interface NewTurn {
  id: string;
  conversationId: string;
  question: string;
  answer: string;
  abstained: boolean;
  citations: Citation[];
  passages: PassageView[];
  unsupported?: string[];
  fallback?: boolean;
  closest?: boolean;
  answerMode: string;
  timings: Timings;
  /** A turn this one answers anew: it and every later turn of the conversation are set aside. */
  replaces?: string;
}

/** How long a title made from a question may be before it is cut at a word. */
const TITLE_FROM_QUESTION = 80;

export const titleFrom = (question: string): string => shorten(question, TITLE_FROM_QUESTION);

// The conversation made (titled by its first question) or its activity time moved, in one statement.
const TOUCH_CONVERSATION = `INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`;

const SUPERSEDE_FROM = `UPDATE turns SET superseded_at = ? WHERE conversation_id = ? AND superseded_at IS NULL
  AND position >= (SELECT position FROM turns WHERE id = ? AND conversation_id = ?)`;

// The position is found in the insert itself; a subquery in VALUES (not INSERT … SELECT) so that
// PostgreSQL types each parameter by its column.
const INSERT_TURN = `INSERT INTO turns (id, conversation_id, position, question, answer, abstained, citations, passages,
  extras, answer_mode, timings, created_at)
  VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM turns WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The passages as JSON, each array written once: an answer replayed from the answer cache hands
 * every ask the same passages array (never changed once its event is sent), and its few kilobytes
 * are most of a turn's JSON.
 */
const passagesJson = new WeakMap<PassageView[], string>();

function jsonOf(passages: PassageView[]): string {
  let json = passagesJson.get(passages);
  if (json === undefined) passagesJson.set(passages, (json = JSON.stringify(passages)));
  return json;
}

/** The rarely set fields, kept together as one JSON column. */
function extrasOf(turn: NewTurn): { unsupported?: string[]; fallback?: boolean; closest?: boolean } {
  return {
    ...(turn.unsupported ? { unsupported: turn.unsupported } : {}),
    ...(turn.fallback !== undefined ? { fallback: turn.fallback } : {}),
    ...(turn.closest ? { closest: true } : {}),
  };
}

/** Write `turn` at time `at` inside the transaction `tx`. */
export async function writeTurn(tx: Sql, turn: NewTurn, at: number): Promise<void> {
  const { conversationId } = turn;
  await tx.run(TOUCH_CONVERSATION, [conversationId, titleFrom(turn.question), at, at]);
  if (turn.replaces !== undefined) await tx.run(SUPERSEDE_FROM, [at, conversationId, turn.replaces, conversationId]);
  await tx.run(INSERT_TURN, [
    turn.id,
    conversationId,
    conversationId,
    turn.question,
    turn.answer,
    turn.abstained ? 1 : 0,
    JSON.stringify(turn.citations),
    jsonOf(turn.passages),
    JSON.stringify(extrasOf(turn)),
    turn.answerMode,
    JSON.stringify(turn.timings),
    at,
  ]);
}

/** The view of a turn just written, as reading it back would give it (a new turn has no feedback). */
export function newTurnView(turn: NewTurn, at: number): TurnView {
  return {
    id: turn.id,
    question: turn.question,
    answer: turn.answer,
    abstained: turn.abstained,
    citations: turn.citations,
    passages: turn.passages,
    ...extrasOf(turn),
    answerMode: turn.answerMode,
    timings: turn.timings,
    createdAt: iso(at),
  };
}
