import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { LIMITS } from '../protocol.js';
import type { RetrievalQuery, Retriever } from '../retrieve/retriever.js';
import type { Passage, Turn } from '../types.js';
import { stripMarkers } from './markers.js';
import { neutralise } from './prompt.js';
import { withoutThinking } from './think.js';
import { chunkText, Deadline, QuestionFailures, upstreamError, type ChatModelFactory } from './upstream.js';

export const REWRITE_PROMPT = [
  'Rewrite the follow-up question so it can be understood without the conversation: replace pronouns and references like "that" or "he" with what they refer to in the conversation.',
  'Keep the wording of the follow-up otherwise. If it already stands alone, repeat it unchanged.',
  'Reply with the rewritten question only, on one line, with no explanation.',
].join('\n');

export function rewriteMessages(question: string, history: Turn[]) {
  const conversation = history
    .slice(-3)
    .map((t) => `User: ${neutralise(t.question)}\nAssistant: ${neutralise(stripMarkers(t.answer)).slice(0, 1000)}`)
    .join('\n');
  return [
    new SystemMessage(REWRITE_PROMPT),
    new HumanMessage(`<conversation>\n${conversation}\n</conversation>\n\nFollow-up question: ${neutralise(question)}`),
  ];
}

/**
 * Retrieval for follow-ups in llm mode: "and when was that?" is first rewritten by the model into a
 * standalone question, which alone is what gets retrieved. If the model fails (or replies with
 * nothing usable), the original question with the earlier turns is retrieved instead (the inner
 * retriever weighs the earlier questions' terms in), and a failure is remembered for the answer step.
 */
export class RewritingRetriever implements Retriever {
  constructor(
    private readonly inner: Retriever,
    private readonly options: {
      model: ChatModelFactory;
      timeoutMs: number;
      failures: QuestionFailures;
      notFoundHint?: string;
    },
  ) {}

  async retrieve(query: RetrievalQuery): Promise<Passage[]> {
    if (!query.history?.length) return this.inner.retrieve(query);
    const standalone = await this.rewrite(query.question, query.history, query.signal);
    // A standalone question already carries its topic; the earlier questions' terms would only blur it.
    return this.inner.retrieve(standalone ? { ...query, question: standalone, history: undefined } : query);
  }

  /** The standalone question, or undefined when the model could not give one. */
  async rewrite(question: string, history: Turn[], signal?: AbortSignal): Promise<string | undefined> {
    const deadline = new Deadline(signal, this.options.timeoutMs);
    try {
      const reply = await this.options
        .model(deadline.signal)
        .invoke(rewriteMessages(question, history), { signal: deadline.signal });
      // A reasoning model's think block comes first; its first line ("<think>") is no question.
      const line =
        withoutThinking(chunkText(reply.content))
          .trim()
          .split('\n')[0]
          ?.replace(/^["'“]|["'”]$/g, '')
          .trim() ?? '';
      return line && line.length <= LIMITS.questionChars ? line : undefined;
    } catch (err) {
      const error = upstreamError(err, deadline, undefined, this.options.notFoundHint);
      if (error.code === 'cancelled') throw error;
      this.options.failures.record(signal, error);
      return undefined;
    } finally {
      deadline.dispose();
    }
  }
}
