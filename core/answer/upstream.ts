import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AppError } from '../errors.js';

/**
 * A chat model bound to one question's abort signal. Some LangChain clients only check the signal
 * between chunks, so the factory also wires it into the HTTP request itself: aborting must close
 * the upstream connection even while the model is silent.
 */
export type ChatModelFactory = (signal: AbortSignal) => BaseChatModel;

export const UPSTREAM_CODES: ReadonlySet<string> = new Set([
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_error',
]);

/**
 * An inactivity deadline around one model call: it aborts when the caller aborts, or when no
 * progress (`touch`) came for `timeoutMs`. A model that keeps streaming is never cut off; one that
 * stalls before or between tokens is.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  readonly signal: AbortSignal;
  timedOut = false;

  constructor(
    readonly caller: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {
    this.signal = caller ? AbortSignal.any([caller, this.controller.signal]) : this.controller.signal;
    this.touch();
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(
        new AppError('upstream_timeout', `The language model sent nothing for ${this.timeoutMs} ms.`),
      );
    }, this.timeoutMs);
  }

  /** Stop the clock and release the upstream request if it is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.controller.abort();
  }
}

function causeCode(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code)) return e.code;
  }
  return undefined;
}

function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; status_code?: unknown; response?: { status?: unknown } };
  const status = e?.status ?? e?.status_code ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The client's message without what LangChain appends (a troubleshooting link) or the status the SDK puts first. */
function upstreamMessage(text: string, status: number | undefined): string {
  const bare = text.replace(/\s*Troubleshooting URL: \S+\s*$/, '').trim();
  return status !== undefined && bare.startsWith(`${status} `) ? bare.slice(`${status} `.length) : bare;
}

/**
 * Any failure of a model call as an AppError with a code a user (and an HTTP status) can act on. A 404
 * alone does not say what to fix: `notFoundHint` (which settings to check) is added to it.
 */
export function upstreamError(
  err: unknown,
  deadline?: Pick<Deadline, 'timedOut' | 'timeoutMs' | 'caller'>,
  what = 'The language model',
  notFoundHint?: string,
): AppError {
  if (deadline?.timedOut)
    return new AppError('upstream_timeout', `${what} sent nothing for ${deadline.timeoutMs} ms.`, { cause: err });
  if (deadline?.caller?.aborted) return new AppError('cancelled', 'The question was cancelled.', { cause: err });
  if (err instanceof AppError) return err;
  const code = causeCode(err);
  const status = statusOf(err);
  const message = upstreamMessage(err instanceof Error ? err.message : String(err), status);
  if (status !== undefined) {
    const said = `${what} answered with HTTP ${status}: ${clip(message)}`;
    const hint = status === 404 && notFoundHint ? `${/[.!?…]$/.test(said) ? '' : '.'} ${notFoundHint}` : '';
    return new AppError('upstream_error', `${said}${hint}`, { cause: err });
  }
  if (code || /connection error|fetch failed|ECONNREFUSED|socket hang up|other side closed/i.test(message)) {
    return new AppError('upstream_unavailable', `${what} could not be reached (${code ?? clip(message)}).`, {
      cause: err,
    });
  }
  return new AppError('upstream_error', `${what} failed: ${clip(message)}`, { cause: err });
}

/**
 * Per-question memory of a model failure, keyed by the question's abort signal: when rewriting a
 * follow-up already timed out, answering must not wait out a second timeout on the same model.
 */
export class QuestionFailures {
  private readonly failures = new WeakMap<AbortSignal, AppError>();

  record(signal: AbortSignal | undefined, error: AppError): void {
    if (signal && UPSTREAM_CODES.has(error.code)) this.failures.set(signal, error);
  }

  get(signal: AbortSignal | undefined): AppError | undefined {
    return signal ? this.failures.get(signal) : undefined;
  }
}

/** The text of a streamed message chunk, whether a string or content parts. */
export function chunkText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((p) =>
        typeof p === 'string'
          ? p
          : p && typeof p === 'object' && 'text' in p && typeof p.text === 'string'
            ? p.text
            : '',
      )
      .join('');
  return '';
}
