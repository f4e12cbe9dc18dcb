import { AsyncLocalStorage } from 'node:async_hooks';
import { CallbackManager, type Callbacks } from '@langchain/core/callbacks/manager';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import type { AnswerEvent } from '../protocol.js';

// @langchain/core keeps the config in effect in a no-op store until an entry point (LangGraph,
// `langchain`'s own) gives it a real one; this does the same, and leaves one already set alone.
AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());

/** The closing outputs of an answer run: the answer and its citations, or the error. */
function outputsOf(last: AnswerEvent | undefined): Record<string, unknown> {
  if (last?.type === 'done') return { answer: last.answer, abstained: last.abstained, citations: last.citations };
  return {};
}

/**
 * One question's answer stream as a LangChain chain run named `name`: callbacks (and LangSmith, when
 * LANGSMITH_TRACING is set) see the run start with the question and end with the answer, and the
 * retrieval and model calls made meanwhile as its children. Children find their parent through the
 * LangChain config in effect (AsyncLocalStorage), so each `next()` runs inside it: a generator's body
 * runs in the context of whoever resumes it. (A config without a parent run is not enough: LangChain
 * then roots children in a run tree with tracing off, and LangSmith drops them.)
 */
export async function* asChainRun(
  name: string,
  question: string,
  callbacks: Callbacks | undefined,
  events: AsyncIterable<AnswerEvent>,
): AsyncGenerator<AnswerEvent> {
  const manager = await CallbackManager.configure(callbacks);
  const run = await manager?.handleChainStart(
    { lc: 1, type: 'not_implemented', id: ['docqa', name] },
    { question },
    undefined,
    undefined,
    undefined,
    undefined,
    name,
  );
  const config = run && { callbacks: run.getChild() };
  const iterator = events[Symbol.asyncIterator]();
  let last: AnswerEvent | undefined;
  let finished = false;
  try {
    for (;;) {
      const step = config
        ? await AsyncLocalStorageProviderSingleton.runWithConfig(config, () => iterator.next())
        : await iterator.next();
      if (step.done) break;
      last = step.value;
      yield step.value;
    }
    finished = true;
    if (last?.type === 'error') await run?.handleChainError(new Error(`${last.code}: ${last.message}`));
    else await run?.handleChainEnd(outputsOf(last));
  } finally {
    if (!finished) {
      // The consumer stopped early (break, throw): close the inner stream too, as for-await would.
      await iterator.return?.();
      await run?.handleChainError(new Error('The answer stream was closed before it ended.'));
    }
  }
}
