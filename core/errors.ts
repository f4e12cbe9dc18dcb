/**
 * Errors are values with a stable code; the HTTP API, the WebSocket and the CLIs map codes to
 * statuses and messages. Anything else thrown is a bug and is reported as `internal_error`.
 */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'payload_too_large'
  | 'not_found'
  /** A known route asked with another method (the `Allow` header lists the right ones). */
  | 'method_not_allowed'
  | 'index_not_ready'
  | 'index_incompatible'
  | 'index_corrupt'
  /** Another process is writing the index. */
  | 'index_busy'
  | 'cancelled'
  | 'unauthorized'
  /** A browser page from another site tried to change server state (upload, delete, reload). */
  | 'forbidden_origin'
  /** The request named a Host this server does not answer for (DNS rebinding); see ALLOWED_HOSTS. */
  | 'host_not_allowed'
  | 'rate_limited'
  | 'too_many_questions'
  | 'shutting_down'
  /** The configured language or embedding model could not be reached, was too slow, or answered with an error. */
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'upstream_error'
  | 'internal_error';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'AbortError') return new AppError('cancelled', 'The request was cancelled.');
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal_error', message, { cause: err });
}
