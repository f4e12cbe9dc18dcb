import { randomUUID } from 'node:crypto';
import type { ConversationStore } from '../../core/conversations/store.js';
import type { Timings } from '../../core/conversations/schemas.js';
import { AppError, toAppError } from '../../core/errors.js';
import type { AnswerEvent, AskRequest, PassageView } from '../../core/protocol.js';
import type { AnswerService } from '../answers.js';
import type { Logger } from '../logging.js';

/** What a transport asks through: the answer service itself, or the recorder around it. */
export type Answers = Pick<AnswerService, 'ask'>;

/**
 * Asks that are kept: every question asked over /api/ask (JSON or SSE) or the WebSocket belongs to a
 * stored conversation (the one named by `conversationId`, else a new one), and its answer is stored
 * as a turn once `done` arrives. The conversation and turn ids ride on the `passages` and `done`
 * events. An unknown conversation or turn ends the stream with `not_found` before anything is answered;
 * with no history sent, the conversation's own earlier turns are the history.
 */
export class ConversationAnswers implements Answers {
  constructor(
    private readonly answers: AnswerService,
    private readonly store: ConversationStore,
    private readonly answerMode: string,
    private readonly log: Logger,
  ) {}

  /**
   * Refusals (an unknown conversation, shutting down, no index) end the stream as an `error` event, as
   * the engine's own failures do: each transport already turns one met before any output into its
   * HTTP status or error frame.
   */
  async *ask(request: AskRequest, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    try {
      yield* this.recorded(request, signal);
    } catch (err) {
      const error = toAppError(err);
      yield { type: 'error', code: error.code, message: error.message };
    }
  }

  private async *recorded(request: AskRequest, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    const { conversationId: given, replaceTurnId, store, ...ask } = request;
    if (store === false) {
      if (given !== undefined || replaceTurnId !== undefined)
        throw new AppError('invalid_request', 'store: false answers outside any conversation; drop conversationId.');
      return yield* this.answers.ask(ask, signal);
    }
    if (given) await this.check(given, replaceTurnId);
    else if (replaceTurnId !== undefined)
      throw new AppError('invalid_request', 'replaceTurnId needs the conversationId of its conversation.');
    const history = ask.history ?? (given ? await this.store.history(given, replaceTurnId) : undefined);
    const ids = { conversationId: given ?? randomUUID(), turnId: randomUUID() };
    const started = performance.now();
    let passages: PassageView[] = [];
    let passagesAt: number | undefined;
    for await (const event of this.answers.ask({ ...ask, ...(history ? { history } : {}) }, signal)) {
      if (event.type === 'passages') {
        passages = event.passages;
        passagesAt = performance.now();
        yield { ...event, ...ids };
      } else if (event.type === 'done') {
        const now = performance.now();
        const timings: Timings = {
          ...(passagesAt !== undefined
            ? { retrievalMs: round(passagesAt - started), generationMs: round(now - passagesAt) }
            : {}),
          totalMs: round(now - started),
        };
        const { type: _type, ...answer } = event;
        const stored = await this.store
          .addTurn({
            ...answer,
            id: ids.turnId,
            conversationId: ids.conversationId,
            question: ask.question,
            passages,
            answerMode: this.answerMode,
            timings,
            ...(replaceTurnId !== undefined ? { replaces: replaceTurnId } : {}),
          })
          .then(
            () => true,
            (err: unknown) => (this.log.error({ err }, 'could not store an answer'), false),
          );
        // Unstored (the database is down), the answer still stands; it only carries no ids to give feedback on.
        yield stored ? { ...event, ...ids } : event;
      } else yield event;
    }
  }

  /** not_found for an unknown conversation, or a turn to replace that is not one of its own. */
  private async check(conversationId: string, replaceTurnId: string | undefined): Promise<void> {
    if (!(await this.store.summary(conversationId)))
      throw new AppError('not_found', `No conversation ${conversationId}.`);
    if (replaceTurnId !== undefined && (await this.store.turn(replaceTurnId))?.conversationId !== conversationId)
      throw new AppError('not_found', `No turn ${replaceTurnId} in conversation ${conversationId}.`);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
