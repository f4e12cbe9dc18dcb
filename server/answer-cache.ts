/**
 * Answers remembered per index generation: the same question (same k, same history) asked again of
 * the same generation gets the same events without retrieving and reading again. Only for a
 * deterministic answerer (the offline one): a language model's answer is not cached, so asking again
 * (regenerate) asks the model again. A new generation starts an empty cache.
 */
import type { AnswerEvent, AskRequest } from '../core/protocol.js';

export class AnswerCache {
  private generation: string | undefined;
  private readonly entries = new Map<string, AnswerEvent[]>();

  constructor(private readonly capacity: number) {}

  /** The key for `request` against `generation`; undefined when nothing is cached. */
  key(generation: string, request: AskRequest): string | undefined {
    if (this.capacity <= 0) return undefined;
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const { question, k, history } = request;
    return JSON.stringify([question, k ?? null, history ?? null]);
  }

  get(key: string): AnswerEvent[] | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Pass `events` through, keeping them once `done` arrives (never an error or a cancelled answer).
   * Kept before `done` is passed on: a consumer may stop reading at `done`.
   */
  async *record(key: string, generation: string, events: AsyncIterable<AnswerEvent>): AsyncIterable<AnswerEvent> {
    const seen: AnswerEvent[] = [];
    for await (const event of events) {
      seen.push(event);
      if (event.type === 'done' && generation === this.generation) {
        this.entries.set(key, seen);
        if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
      }
      yield event;
    }
  }
}

export async function* replay(events: AnswerEvent[]): AsyncIterable<AnswerEvent> {
  yield* events;
}
