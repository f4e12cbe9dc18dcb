import type { ErrorRequestHandler, Response } from 'express';
import { AppError, toAppError, type ErrorCode } from '../core/errors.js';
import { formatBytes } from './byte-size.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  index_not_ready: 503,
  index_incompatible: 503,
  index_corrupt: 503,
  index_busy: 409,
  cancelled: 499,
  unauthorized: 401,
  forbidden_origin: 403,
  // 421 Misdirected Request: this server is not the one the Host names.
  host_not_allowed: 421,
  rate_limited: 429,
  too_many_questions: 429,
  shutting_down: 503,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  upstream_error: 502,
  internal_error: 500,
};

export function sendError(res: Response, error: AppError): void {
  res.status(STATUS[error.code]).json({ error: { code: error.code, message: error.message } });
}

/** An engine's error event as an HTTP error, when no part of the answer has been sent yet. */
export function sendErrorEvent(res: Response, event: { code: string; message: string }): void {
  const code = (Object.hasOwn(STATUS, event.code) ? event.code : 'internal_error') as ErrorCode;
  sendError(res, new AppError(code, event.message));
}

/** Body-parser failures and thrown errors become `{ error: { code, message } }` with the right status. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (res.headersSent) return void res.end();
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed')
    return sendError(res, new AppError('invalid_json', 'The request body is not valid JSON.'));
  if (type === 'entity.too.large') return sendError(res, bodyTooLarge((err as { limit: number }).limit));
  // The body parser's other refusals (a charset or Content-Encoding it cannot read, a body that does not
  // inflate) are the client's: 4xx with `expose`, not internal errors.
  const { status, expose } = err as { status?: number; expose?: boolean };
  if (expose && status !== undefined && status >= 400 && status < 500) {
    return sendError(
      res,
      new AppError('invalid_request', `The request body cannot be read: ${(err as Error).message}.`),
    );
  }
  const error = toAppError(err);
  if (error.code === 'internal_error') {
    const log = res.locals.log as { error(obj: object, msg: string): void } | undefined;
    if (log) log.error({ err }, 'internal error');
    else console.error(err);
  }
  sendError(res, error);
};

/**
 * The body parser refuses a body over its route's limit (before reading it, when Content-Length
 * says so) and names the limit; the client is told it in units people read.
 */
function bodyTooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `The request body is over the ${formatBytes(limit)} limit.`);
}
