import path from 'node:path';
import express from 'express';
import { AppError } from '../core/errors.js';
import { LIMITS } from '../core/protocol.js';
import { askRoute } from './ask-route.js';
import type { EngineHolder } from './engine-holder.js';
import { errorHandler, sendError } from './http-errors.js';

const CLIENT_DIR = path.resolve(import.meta.dirname, '../client');

/** The HTTP side: JSON API under /api, the chat page at /. */
export function createApp(holder: EngineHolder): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: LIMITS.bodyBytes }));

  app.post('/api/ask', askRoute(holder));
  app.get('/api/health', (_req, res) => {
    const live = holder.current;
    if (!live) return sendError(res, new AppError('index_not_ready', holder.notReadyReason));
    res.json({ status: 'ok', index: { generation: live.generation, ...live.manifest.counts, embedder: live.manifest.embedder } });
  });

  app.use(express.static(CLIENT_DIR, { index: 'index.html' }));
  app.use((req, res) => sendError(res, new AppError('not_found', `No route for ${req.method} ${req.path}.`)));
  app.use(errorHandler);
  return app;
}
