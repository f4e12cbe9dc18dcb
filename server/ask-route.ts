import type { RequestHandler } from 'express';
import { collect } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import { AskRequestSchema, describeIssues } from '../core/protocol.js';
import type { EngineHolder } from './engine-holder.js';

/** POST /api/ask: the whole answer as one JSON response. */
export function askRoute(holder: EngineHolder): RequestHandler {
  return async (req, res) => {
    if (!req.is('application/json')) throw new AppError('invalid_request', 'Send a JSON body with Content-Type: application/json.');
    const parsed = AskRequestSchema.safeParse(req.body);
    if (!parsed.success) throw new AppError('invalid_request', describeIssues(parsed.error));
    const engine = holder.require();
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    res.json(await collect(engine.ask(parsed.data, controller.signal)));
  };
}
