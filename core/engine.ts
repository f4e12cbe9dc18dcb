import type { Answerer } from './answer/answerer.js';
import { AppError, toAppError } from './errors.js';
import type { AnswerEvent, AskRequest, AskResponse, PassageView } from './protocol.js';
import type { Retriever } from './retrieve/retriever.js';
import type { Passage } from './types.js';

export function passageView(p: Passage): PassageView {
  const { source, startLine, endLine, text, page, section, alsoIn } = p.chunk;
  const at = { ...(page !== undefined && { page }), ...(section !== undefined && { section }) };
  const also = alsoIn?.length
    ? {
        alsoIn: alsoIn.map((l) => ({
          source: l.source,
          startLine: l.startLine,
          endLine: l.endLine,
          ...(l.page !== undefined && { page: l.page }),
          ...(l.section !== undefined && { section: l.section }),
        })),
      }
    : {};
  return { source, startLine, endLine, text, score: Number(p.score.toFixed(6)), ...at, ...also };
}

/**
 * The one answer pipeline: retrieve, then answer, as a stream of events. Every transport (HTTP,
 * WebSocket, evals) consumes this and only translates. It never throws: failures end the stream
 * with an `error` event.
 */
export class Engine {
  constructor(
    readonly retriever: Retriever,
    readonly answerer: Answerer,
    readonly defaultK = 5,
  ) {}

  async *ask(request: AskRequest, signal?: AbortSignal): AsyncIterable<AnswerEvent> {
    try {
      const { question, history } = request;
      const passages = await this.retriever.retrieve({ question, history, k: request.k ?? this.defaultK, signal });
      throwIfCancelled(signal);
      yield { type: 'passages', passages: passages.map(passageView) };
      let ended = false;
      for await (const event of this.answerer.answer({ question, passages, history, signal })) {
        throwIfCancelled(signal);
        ended ||= event.type === 'done' || event.type === 'error';
        yield event;
      }
      // An answerer may simply stop when cancelled; the stream still ends with exactly one done or error.
      if (!ended) {
        throwIfCancelled(signal);
        throw new AppError('internal_error', 'The answerer ended without an answer.');
      }
    } catch (err) {
      const error = toAppError(err);
      yield { type: 'error', code: error.code, message: error.message };
    }
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The question was cancelled.');
}

/** Run the stream to its end and gather the whole answer; an `error` event becomes a thrown AppError. */
export async function collect(events: AsyncIterable<AnswerEvent>): Promise<AskResponse> {
  let passages: PassageView[] = [];
  for await (const event of events) {
    if (event.type === 'passages') passages = event.passages;
    else if (event.type === 'error') throw new AppError(event.code as AppError['code'], event.message);
    else if (event.type === 'done') {
      const { type: _type, ...answer } = event;
      return { ...answer, passages };
    }
  }
  throw new AppError('internal_error', 'The answer stream ended without a result.');
}
