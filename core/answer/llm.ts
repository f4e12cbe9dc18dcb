import { AppError } from '../errors.js';
import type { AnswerEvent } from '../protocol.js';
import type { Passage } from '../types.js';
import type { AnswerInput, Answerer } from './answerer.js';
import { MarkerRewriter } from './markers.js';
import { groundedMessages, isOnlyNotInDocuments, saysNotInDocuments } from './prompt.js';
import { citationForPassage, claims, unsupportedClaims } from './support.js';
import { ThinkFilter } from './think.js';
import { chunkText, Deadline, QuestionFailures, upstreamError, type ChatModelFactory } from './upstream.js';

export interface LlmAnswererOptions {
  model: ChatModelFactory;
  /** Longest silence (before the first token or between tokens) before the call is abandoned. */
  timeoutMs: number;
  /** Shared with the follow-up rewriter, so one question waits out at most one timeout. */
  failures?: QuestionFailures;
  /** Added to an HTTP 404 from the model server: which settings to check (see notFoundHint in core/providers/settings.ts). */
  notFoundHint?: string;
}

type Done = Extract<AnswerEvent, { type: 'done' }>;

/**
 * A language model writes the answer from the retrieved passages, streamed token by token. A
 * reasoning model's leading `<think>` block is dropped before anything else sees the text. Its
 * `[n]` markers become the citations (renumbered in order of use, invalid ones dropped, on the
 * stream itself), and each sentence is checked against the passages it cites. Failures end the
 * stream with an `upstream_*` error event; it never throws.
 */
export class LlmAnswerer implements Answerer {
  private readonly failures: QuestionFailures;

  constructor(private readonly options: LlmAnswererOptions) {
    this.failures = options.failures ?? new QuestionFailures();
  }

  async *answer(input: AnswerInput): AsyncIterable<AnswerEvent> {
    const earlier = this.failures.get(input.signal);
    if (earlier) return yield { type: 'error', code: earlier.code, message: earlier.message };
    const deadline = new Deadline(input.signal, this.options.timeoutMs);
    const thinking = new ThinkFilter();
    const markers = new MarkerRewriter(input.passages.length);
    let answer = '';
    try {
      const messages = groundedMessages(input.question, input.passages, input.history);
      const stream = await this.options.model(deadline.signal).stream(messages, { signal: deadline.signal });
      // Leading whitespace is not shown: an answer of only whitespace is an empty one, which may still fall back.
      const shown = (text: string) => (answer ? text : text.trimStart());
      for await (const chunk of stream) {
        deadline.touch();
        const text = shown(markers.push(thinking.push(chunkText(chunk.content))));
        if (text) {
          answer += text;
          yield { type: 'delta', text };
        }
      }
      const rest = shown(markers.push(thinking.flush()) + markers.flush());
      if (rest) {
        answer += rest;
        yield { type: 'delta', text: rest };
      }
      if (!answer.trim()) throw new AppError('upstream_error', 'The language model returned an empty answer.');
      yield finish(
        answer,
        markers.cited.map((n) => input.passages[n - 1]!),
      );
    } catch (err) {
      const error = upstreamError(err, deadline, undefined, this.options.notFoundHint);
      this.failures.record(input.signal, error);
      yield { type: 'error', code: error.code, message: error.message };
    } finally {
      deadline.dispose();
    }
  }
}

/** The done event: citations from the markers, unsupported sentences, abstention. */
export function finish(answer: string, cited: Passage[]): Done {
  const all = claims(answer);
  // An answer that cites nothing and says the documents are silent is an abstention, whatever its wording;
  // so is the bare phrase with a marker after it (the model citing the passages it found silent).
  if ((cited.length === 0 && saysNotInDocuments(answer)) || isOnlyNotInDocuments(answer))
    return { type: 'done', answer, abstained: true, citations: [] };
  const citations = cited.map((p, i) => citationForPassage(p, i + 1, all));
  const unsupported = unsupportedClaims(all, cited);
  return { type: 'done', answer, abstained: false, citations, ...(unsupported.length > 0 && { unsupported }) };
}
