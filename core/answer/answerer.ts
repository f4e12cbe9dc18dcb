import type { AnswerEvent } from '../protocol.js';
import type { Passage, Turn } from '../types.js';

export interface AnswerInput {
  question: string;
  passages: Passage[];
  history?: Turn[];
  signal?: AbortSignal;
}

/**
 * The answering seam. Implementations stream `delta` events and end with exactly one `done` or
 * `error`; the engine emits `passages` before them.
 */
export interface Answerer {
  answer(input: AnswerInput): AsyncIterable<AnswerEvent>;
}

export const NOT_IN_DOCUMENTS = 'The documents do not contain an answer to this question.';
/** The opening of a declined answer that quotes the closest sentence. */
export const CLOSEST_PASSAGE = 'The documents do not answer this directly. The closest passage says:';
