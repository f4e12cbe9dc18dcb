import { AsyncLocalStorage } from 'node:async_hooks';
import type { RunnableConfig } from '@langchain/core/runnables';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';

// @langchain/core keeps the config in effect in a no-op store until an entry point (LangGraph,
// `langchain`'s own) gives it a real one; this does the same, and leaves one already set alone.
AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());

/**
 * Run each step of an async iterable inside a LangChain config, so every model and retriever call
 * it makes (LangChain reads the config in effect through AsyncLocalStorage) reports to that config's
 * callbacks. Each `next()` is wrapped, not the iterable's creation: a generator's body runs in the
 * context of whoever resumes it.
 */
export async function* inConfig<T>(config: RunnableConfig, events: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = events[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const step = await AsyncLocalStorageProviderSingleton.runWithConfig(config, () => iterator.next());
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // A consumer that stops early (break, throw) closes the inner stream too, as for-await would.
    if (!finished) await iterator.return?.();
  }
}
