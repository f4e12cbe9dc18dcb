import type { AnswerEvent } from '../protocol.js';
import type { AnswerInput, Answerer } from './answerer.js';
import { UPSTREAM_CODES } from './upstream.js';

/**
 * When the model fails before saying anything, answer with the fallback (the extractive answerer)
 * and mark the result `fallback: true`. Once deltas have streamed, the user has seen part of the
 * model's answer; splicing another answer after it would read as one garbled reply, so the error
 * event stands. A cancelled question is not answered again.
 */
export class FallbackAnswerer implements Answerer {
  constructor(
    private readonly primary: Answerer,
    private readonly fallback: Answerer,
  ) {}

  async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
    let streamed = false;
    for await (const event of this.primary.answer(input)) {
      if (event.type === 'error' && !streamed && UPSTREAM_CODES.has(event.code) && !input.signal?.aborted) {
        for await (const e of this.fallback.answer(input)) yield e.type === 'done' ? { ...e, fallback: true } : e;
        return;
      }
      if (event.type === 'delta') streamed = true;
      yield event;
    }
  }
}
