import path from 'node:path';
import express from 'express';
import { AppError } from '../core/errors.js';
import { LIMITS } from '../core/protocol.js';
import { ASK_ROUTES, askRouter } from './ask-route.js';
import { requireApiKey } from './auth.js';
import type { EngineHolder } from './engine-holder.js';
import { errorHandler, sendError } from './http-errors.js';
import { requestLogging } from './logging.js';
import { OPENAI_ROUTES, openaiRouter } from './openai-routes.js';
import { OPENAPI_ROUTES, openApiRouter } from './openapi.js';
import { OPS_ROUTES, opsRouter, PROBE_PATHS } from './ops-routes.js';
import { rateLimit } from './rate-limit.js';
import { matchRoute, mergeRoutes, mountedAt, type RouteTable } from './route-table.js';
import { corsPolicy, securityHeaders } from './security.js';
import type { AppServices } from './services.js';
import { SOURCES_ROUTES, sourcesRouter } from './sources-route.js';
import { DOCUMENTS_ROUTES, documentsRouter } from './documents-routes.js';
import { ingestSettings } from '../ingest/settings.js';

/** The built chat page (`npm run build:client`, run by `npm install` and `npm start`). */
const CLIENT_DIR = path.resolve(import.meta.dirname, '../client/dist');

/** Where routers that declare their paths relative to a prefix are mounted. */
const API = '/api';
const V1 = '/v1';

/**
 * The API's routes and their methods, from the tables the routers export: for 405 answers with
 * `Allow`, and route labels in the metrics. The documents router's routes are listed even when it is
 * not mounted (uploads off), as they always were.
 */
export const ROUTES: RouteTable = mergeRoutes(
  ASK_ROUTES,
  mountedAt(API, SOURCES_ROUTES),
  mountedAt(API, DOCUMENTS_ROUTES),
  OPS_ROUTES,
  OPENAPI_ROUTES,
  mountedAt(V1, OPENAI_ROUTES),
);

/** The HTTP side: JSON API under /api, the OpenAI-compatible API under /v1, the chat page at /. */
export function createApp(holder: EngineHolder, services: AppServices): express.Express {
  const { config, metrics, limiter, answers, drain, reloader, log } = services;
  const app = express();
  app.disable('x-powered-by');
  // req.ip (the rate limit's key) follows X-Forwarded-For only through proxies TRUST_PROXY names.
  app.set('trust proxy', services.trust);
  app.use(requestLogging(log));
  app.use(metrics.countRequests());
  app.use(securityHeaders());
  app.use(corsPolicy(config.CORS_ORIGINS));
  // The API is limited; the page's own files are not (a few reloads would use up a visitor's allowance).
  app.use(['/api', '/v1'], rateLimit(limiter, PROBE_PATHS));
  // Guards whole prefixes, so routers added later under /api or /v1 are covered without opting in.
  app.use(['/api', '/v1'], requireApiKey(config.API_KEY, PROBE_PATHS));
  // Request counts and latencies per route say how the service is used: behind the key unless opened.
  app.use('/metrics', requireApiKey(config.METRICS_PUBLIC ? undefined : config.API_KEY, new Set()));
  // Not strict: `null` or `"hi"` is JSON, and the schema then says what shape was expected.
  app.use(express.json({ limit: LIMITS.bodyBytes, strict: false }));

  app.use(askRouter(answers));
  app.use(opsRouter({ holder, reloader, drain, metrics }));
  app.use(API, sourcesRouter(holder, config.docsDir, ingestSettings(config).limits, services.indexer !== undefined));
  if (services.indexer) app.use(API, documentsRouter({ docsDir: config.docsDir, limits: ingestSettings(config).limits, indexer: services.indexer, holder }));
  app.use(V1, openaiRouter(answers));
  app.use(openApiRouter());
  for (const path of Object.keys(ROUTES)) metrics.knownPaths.add(path);

  app.use(express.static(CLIENT_DIR, { index: 'index.html' }));
  app.use((req, res) => {
    const route = matchRoute(Object.keys(ROUTES), req.path);
    const allowed = route === undefined ? undefined : ROUTES[route];
    if (!allowed) return sendError(res, new AppError('not_found', `No route for ${req.method} ${req.path}.`));
    res.setHeader('Allow', allowed.join(', '));
    sendError(res, new AppError('method_not_allowed', `${req.method} ${req.path} is not supported; use ${allowed.join(' or ')}.`));
  });
  app.use(errorHandler);
  return app;
}
