import { AppError } from './errors.js';

/**
 * Wait for `work` unless the question is cancelled first, then fail at once with `cancelled`.
 * For calls that take no signal of their own (LangChain's `embedQuery`): the call itself runs on,
 * but the question no longer waits for it.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const cancelled = () => new AppError('cancelled', 'The question was cancelled.');
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
