import { Router, type RequestHandler, type Response } from 'express';
import { collect } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import { AskRequestSchema, type AnswerEvent } from '../core/protocol.js';
import type { AnswerService } from './answers.js';
import { sendErrorEvent } from './http-errors.js';
import { SseStream } from './sse.js';
import { parseRequest } from './parse-request.js';
import type { RouteTable } from './route-table.js';

export const ASK_ROUTES = { '/api/ask': ['POST'] } as const satisfies RouteTable;

/** The route on its own router, so the app mounts it like the others and its table sits beside it. */
export function askRouter(answers: Pick<AnswerService, 'ask'>): Router {
  return Router().post('/api/ask', askRoute(answers));
}

/**
 * POST /api/ask: the whole answer as one JSON response, or with `"stream": true` the engine's events
 * as server-sent events named like the WebSocket frames (passages, delta, done, error).
 */
export function askRoute(answers: Pick<AnswerService, 'ask'>): RequestHandler {
  return async (req, res) => {
    if (!req.is('application/json'))
      throw new AppError('invalid_request', 'Send a JSON body with Content-Type: application/json.');
    const { stream, ...request } = parseRequest(AskRequestSchema, req.body);
    const controller = new AbortController();
    // Only a response cut short cancels: aborting creates an AbortError, a stack trace per request.
    res.on('close', () => res.writableFinished || controller.abort());
    // Refusals (no index, shutting down) throw here, before any byte is sent, so they keep their status.
    const events = answers.ask(request, controller.signal);
    if (stream) return streamEvents(res, events);
    res.json(await collect(events));
  };
}

async function streamEvents(res: Response, events: AsyncIterable<AnswerEvent>): Promise<void> {
  const sse = new SseStream(res);
  try {
    // The data is the whole event, `type` included, so a client reading only `data` loses nothing.
    for await (const event of events) {
      // Failing before any output (no index yet, the embedding model down), it is an HTTP error.
      if (event.type === 'error' && !sse.opened) return sendErrorEvent(res, event);
      sse.send(event, event.type);
    }
  } finally {
    sse.end();
  }
}
