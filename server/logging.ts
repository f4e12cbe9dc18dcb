import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Lines go to stdout asynchronously: under load the lines logged while a write is under way go out
 * together in the next (one write a burst, off the event loop, instead of one blocking write a
 * request); an idle server still writes each line at once. pino flushes what is left synchronously
 * when the process exits, a crash included.
 */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({ level, base: { service: 'docqa' } }, pino.destination({ dest: 1, sync: false }));
}

/** Incoming ids are echoed only when short and plain, so a client cannot inject into logs or headers. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Give every request an id (X-Request-Id, echoed back), a child logger in `res.locals.log`, and one
 * log line when it ends. The query string is left out of logs: it may carry `api_key`.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestId(req.headers['x-request-id']);
    const started = performance.now();
    res.setHeader('X-Request-Id', id);
    res.locals.requestId = id;
    // Made when first asked for (an error to log): a child logger per request costs more than the request line.
    let child: Logger | undefined;
    Object.defineProperty(res.locals, 'log', { get: () => (child ??= logger.child({ reqId: id })), enumerable: true });
    res.on('close', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // originalUrl, not path: by now a mounted router (/v1, /api) may have left req.url without its prefix.
      const line = {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms,
        aborted: !res.writableFinished,
      };
      (child ?? logger).info(child ? line : { reqId: id, ...line }, 'request');
    });
    next();
  };
}
