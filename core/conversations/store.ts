import { AppError } from '../errors.js';
import { LIMITS } from '../protocol.js';
import { migrate } from './migrations.js';
import { decodeCursor, encodeCursor, iso, summaryOf, turnOf, type ConversationRow, type TurnRow } from './rows.js';
import type {
  Conversation,
  ConversationList,
  ConversationListQuery,
  ConversationSummary,
  Feedback,
  FeedbackRequest,
  TurnView,
} from './schemas.js';
import { GroupCommit } from './group-commit.js';
import { containsPattern, type Sql } from './sql.js';
import { newTurnView, writeTurn, type NewTurn } from './write-turn.js';

export { titleFrom, type NewTurn } from './write-turn.js';

/** A feedback item with the turn it judges, for turning into an evaluation set. */
export interface FeedbackRecord {
  feedback: Feedback;
  turn: TurnView;
  conversationId: string;
}

const SUMMARY = `SELECT c.id, c.title, c.created_at, c.updated_at,
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.superseded_at IS NULL) AS turns
  FROM conversations c`;

const TURNS = `SELECT t.*, f.rating, f.correction, f.note, f.created_at AS feedback_at
  FROM turns t LEFT JOIN feedback f ON f.turn_id = t.id`;

/**
 * Conversations, their turns and the feedback on them, over SQLite or PostgreSQL (the same SQL).
 * A regenerated or edited turn is set aside, not deleted, so feedback given on it still counts.
 */
export class ConversationStore {
  private readonly turns: GroupCommit<{ turn: NewTurn; at: number }>;

  private constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
  ) {
    this.turns = new GroupCommit(sql, (tx, { turn, at }) => writeTurn(tx, turn, at));
  }

  /** Open over `sql`, running the schema's migrations first. */
  static async open(sql: Sql, now: () => number = Date.now): Promise<ConversationStore> {
    await migrate(sql);
    return new ConversationStore(sql, now);
  }

  get dialect(): Sql['dialect'] {
    return this.sql.dialect;
  }

  async list(query: Partial<ConversationListQuery> = {}): Promise<ConversationList> {
    const limit = query.limit ?? 20;
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.q) {
      where.push(`LOWER(c.title) LIKE ? ESCAPE '!'`);
      params.push(containsPattern(query.q.toLowerCase()));
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      if (!after) throw new AppError('invalid_request', 'cursor is not one this server gave out');
      where.push('(c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))');
      params.push(after.updatedAt, after.updatedAt, after.id);
    }
    const rows = await this.sql.all<ConversationRow>(
      `${SUMMARY}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map(summaryOf),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor(Number(last.updated_at), last.id) } : {}),
    };
  }

  async summary(id: string): Promise<ConversationSummary | undefined> {
    const [row] = await this.sql.all<ConversationRow>(`${SUMMARY} WHERE c.id = ?`, [id]);
    return row && summaryOf(row);
  }

  async get(id: string): Promise<Conversation | undefined> {
    const summary = await this.summary(id);
    if (!summary) return undefined;
    const rows = await this.sql.all<TurnRow>(
      `${TURNS} WHERE t.conversation_id = ? AND t.superseded_at IS NULL ORDER BY t.position`,
      [id],
    );
    return { ...summary, turns: rows.map(turnOf) };
  }

  /** The question and answer of the shown turns before `before` (or all), the latest `LIMITS.historyTurns`. */
  async history(conversationId: string, before?: string): Promise<{ question: string; answer: string }[]> {
    const rows = await this.sql.all<{ question: string; answer: string; id: string }>(
      'SELECT id, question, answer FROM turns WHERE conversation_id = ? AND superseded_at IS NULL ORDER BY position',
      [conversationId],
    );
    const end = before === undefined ? rows.length : rows.findIndex((r) => r.id === before);
    return rows
      .slice(0, end < 0 ? rows.length : end)
      .slice(-LIMITS.historyTurns)
      .map(({ question, answer }) => ({
        question: question.slice(0, LIMITS.questionChars),
        answer: answer.slice(0, LIMITS.historyAnswerChars),
      }));
  }

  async turn(id: string): Promise<(TurnView & { conversationId: string }) | undefined> {
    const [row] = await this.sql.all<TurnRow>(`${TURNS} WHERE t.id = ?`, [id]);
    return row && { ...turnOf(row), conversationId: row.conversation_id };
  }

  async rename(id: string, title: string): Promise<ConversationSummary | undefined> {
    const changed = await this.sql.run('UPDATE conversations SET title = ? WHERE id = ?', [title, id]);
    return changed > 0 ? this.summary(id) : undefined;
  }

  /** Delete a conversation with its turns and their feedback; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM feedback WHERE turn_id IN (SELECT id FROM turns WHERE conversation_id = ?)', [id]);
      await tx.run('DELETE FROM turns WHERE conversation_id = ?', [id]);
      return (await tx.run('DELETE FROM conversations WHERE id = ?', [id])) > 0;
    });
  }

  /**
   * Store a finished answer; the conversation is created (titled by the question) when it is new.
   * Turns finished together are committed together (group-commit.ts); this resolves after the commit.
   */
  async addTurn(turn: NewTurn): Promise<TurnView> {
    const at = this.now();
    await this.turns.add({ turn, at });
    // What was just written, not read back: a new turn has no feedback, and the rest is as given.
    return newTurnView(turn, at);
  }

  /** Give (or replace) a turn's feedback; undefined when there is no such turn. */
  async setFeedback(request: FeedbackRequest): Promise<Feedback | undefined> {
    const at = this.now();
    const changed = await this.sql.run(
      `INSERT INTO feedback (turn_id, rating, correction, note, created_at)
         SELECT id, ?, ?, ?, ? FROM turns WHERE id = ?
       ON CONFLICT (turn_id) DO UPDATE SET rating = excluded.rating, correction = excluded.correction,
         note = excluded.note, created_at = excluded.created_at`,
      [request.rating, request.correction || null, request.note || null, at, request.turnId],
    );
    if (changed === 0) return undefined;
    return {
      turnId: request.turnId,
      rating: request.rating,
      ...(request.correction ? { correction: request.correction } : {}),
      ...(request.note ? { note: request.note } : {}),
      createdAt: iso(at),
    };
  }

  /** Feedback given at or after `since` (all without), oldest first, each with its turn. */
  async feedback(since?: Date): Promise<FeedbackRecord[]> {
    const rows = await this.sql.all<TurnRow>(`${TURNS} WHERE f.created_at >= ? ORDER BY f.created_at, t.id`, [
      since?.getTime() ?? 0,
    ]);
    return rows.map((row) => {
      const turn = turnOf(row);
      return { feedback: turn.feedback!, turn, conversationId: row.conversation_id };
    });
  }

  async close(): Promise<void> {
    await this.turns.settle();
    await this.sql.close();
  }
}
