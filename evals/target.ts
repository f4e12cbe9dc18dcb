import type { Engine } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import { AskResponseSchema, ErrorBodySchema, type AskResponse, type PassageView } from '../core/protocol.js';

/** Where an evaluation sends its questions: the engine in this process, or a running server. */
export interface EvalTarget {
  /** `retrievalMs` only where retrieval can be timed apart (in process); over HTTP the whole request is `answerMs`. */
  ask(question: string, k: number): Promise<{ response: AskResponse; retrievalMs?: number; answerMs: number }>;
}

/** In process: the engine's event stream, timing retrieval (until `passages`) and answering (until `done`). */
export function engineTarget(engine: Engine): EvalTarget {
  return {
    async ask(question, k) {
      const started = performance.now();
      let retrieved = started;
      let passages: PassageView[] = [];
      for await (const event of engine.ask({ question, k })) {
        if (event.type === 'passages') {
          retrieved = performance.now();
          passages = event.passages;
        } else if (event.type === 'error') throw new AppError(event.code as AppError['code'], event.message);
        else if (event.type === 'done') {
          const { type: _type, ...rest } = event;
          return {
            response: { ...rest, passages },
            retrievalMs: retrieved - started,
            answerMs: performance.now() - retrieved,
          };
        }
      }
      throw new AppError('internal_error', 'The answer stream ended without a result.');
    },
  };
}

/** Over HTTP against a deployment's POST /api/ask; only the total time is visible, reported as answering. */
export function httpTarget(baseUrl: string, apiKey?: string): EvalTarget {
  return {
    async ask(question, k) {
      const started = performance.now();
      const res = await fetch(new URL('/api/ask', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        // Not kept in the server's conversations: an evaluation's questions are no one's conversation.
        body: JSON.stringify({ question, k, store: false }),
      }).catch((err: Error & { cause?: { code?: string; message?: string } }) => {
        // fetch says only "fetch failed"; the cause says why (ECONNREFUSED: nothing listens there).
        throw new Error(`${baseUrl} could not be reached (${err.cause?.code ?? err.cause?.message ?? err.message})`);
      });
      const body: unknown = await res.json();
      if (!res.ok) {
        const error = ErrorBodySchema.safeParse(body);
        throw new Error(
          `${baseUrl} answered ${res.status}: ${error.success ? error.data.error.message : JSON.stringify(body)}`,
        );
      }
      return { response: AskResponseSchema.parse(body), answerMs: performance.now() - started };
    },
  };
}
