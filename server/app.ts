import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { AppError } from '../core/errors.js';
import { ROOT as PROJECT } from '../core/paths.js';
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
import { matchRoute, servedRoutes, type RouteTable } from './route-table.js';
import { corsPolicy, securityHeaders } from './security.js';
import { hostPolicy, requireAllowedHost } from './host-check.js';
import { requireSameOriginWrites } from './same-origin.js';
import type { AppServices } from './services.js';
import { SOURCES_ROUTES, sourcesRouter } from './sources-route.js';
import { DOCUMENTS_ROUTES, documentsRouter } from './documents-routes.js';
import { PAGE_ROUTES, pageRouter } from './page-route.js';
import { ingestSettings } from '../ingest/settings.js';
import { CONVERSATION_ROUTES, conversationsRouter, OVERVIEW_ROUTES, overviewRouter } from './conversations/routes.js';

/** The built chat page (scripts/build.mjs, run by `npm install`, and by `npm start` when its sources changed). */
const CLIENT_DIR = path.join(PROJECT, 'client/dist');

/** Where routers are mounted: those declaring full paths at the root, the others under a prefix. */
const ROOT = '/';
const API = '/api';
const V1 = '/v1';

/** A router, where it is mounted, and the table of the routes it declares. */
export interface Mount {
  at: string;
  router: Router;
  routes: RouteTable;
}

/**
 * The routers this server mounts. The documents router (upload, delete) only when there is an ingest
 * queue for the docs folder and UPLOADS is on: otherwise neither its routes nor their methods (in
 * `Allow`, in the OpenAPI document) exist. (With UPLOADS=0 and WATCH=1 the queue is there, for the watcher.)
 */
export function routerMounts(holder: EngineHolder, services: AppServices): Mount[] {
  const { config, answers, reloader, drain, metrics } = services;
  const limits = ingestSettings(config).limits;
  const indexer = config.UPLOADS ? services.indexer : undefined;
  const documents = indexer
    ? [
        {
          at: API,
          router: documentsRouter({ docsDir: config.docsDir, limits, indexer, holder }),
          routes: DOCUMENTS_ROUTES,
        },
      ]
    : [];
  const conversations = services.conversations
    ? [{ at: API, router: conversationsRouter(services.conversations.store), routes: CONVERSATION_ROUTES }]
    : [];
  const api: Mount[] = [
    // Asks are recorded in conversations when there is a store (startServer opens one).
    { at: ROOT, router: askRouter(services.conversations?.answers ?? answers), routes: ASK_ROUTES },
    ...conversations,
    { at: API, router: overviewRouter(holder), routes: OVERVIEW_ROUTES },
    { at: ROOT, router: opsRouter({ holder, reloader, drain, metrics }), routes: OPS_ROUTES },
    { at: API, router: sourcesRouter(holder, config.docsDir, limits, documents.length > 0), routes: SOURCES_ROUTES },
    ...documents,
    { at: V1, router: openaiRouter(answers), routes: OPENAI_ROUTES },
  ];
  return [
    ...api,
    // The OpenAPI document describes the API's routes mounted beside it, from the same table as `Allow`.
    { at: ROOT, router: openApiRouter(servedRoutes(api)), routes: OPENAPI_ROUTES },
    // Last: the chat page's files, after every API route.
    { at: ROOT, router: pageRouter(CLIENT_DIR), routes: PAGE_ROUTES },
  ];
}

/** The HTTP side: JSON API under /api, the OpenAI-compatible API under /v1, the chat page at /. */
export function createApp(holder: EngineHolder, services: AppServices): express.Express {
  const { config, metrics, limiter, log } = services;
  const app = express();
  app.disable('x-powered-by');
  // No ETag hashed over every JSON answer (POST responses are never revalidated); the page's files keep theirs.
  app.disable('etag');
  // req.ip (the rate limit's key) follows X-Forwarded-For only through proxies TRUST_PROXY names.
  app.set('trust proxy', services.trust);
  app.use(requestLogging(log));
  app.use(metrics.countRequests());
  // First: a request for a foreign Host (DNS rebinding) gets nothing else, not even CORS headers.
  app.use(requireAllowedHost(hostPolicy(config)));
  app.use(securityHeaders());
  app.use(corsPolicy(config.CORS_ORIGINS));
  // Before rate limits, keys and body parsing: a cross-site write is refused without reading its body.
  app.use(requireSameOriginWrites(config.CORS_ORIGINS));
  // The API is limited; the page's own files are not (a few reloads would use up a visitor's allowance).
  app.use(['/api', '/v1'], rateLimit(limiter, PROBE_PATHS));
  // Guards whole prefixes, so routers added later under /api or /v1 are covered without opting in.
  app.use(['/api', '/v1'], requireApiKey(config.API_KEY, PROBE_PATHS));
  // Request counts and latencies per route say how the service is used: behind the key unless opened.
  app.use('/metrics', requireApiKey(config.METRICS_PUBLIC ? undefined : config.API_KEY, new Set()));
  // Not strict: `null` or `"hi"` is JSON, and the schema then says what shape was expected.
  app.use(express.json({ limit: LIMITS.bodyBytes, strict: false }));

  const mounts = routerMounts(holder, services);
  for (const { at, router } of mounts) app.use(at, router);
  const routes = servedRoutes(mounts);
  for (const path of Object.keys(routes)) metrics.knownPaths.add(path);

  app.use(noRoute(routes));
  app.use(errorHandler);
  return app;
}

/**
 * What no router answered: 405 with `Allow` for a path served with other methods, else 404 (also for
 * a served method nothing answered: a page file missing because the page is not built).
 */
export function noRoute(routes: RouteTable): RequestHandler {
  return (req, res) => {
    const route = matchRoute(Object.keys(routes), req.path);
    const allowed = route === undefined ? undefined : routes[route];
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (!allowed || allowed.includes(method))
      return sendError(res, new AppError('not_found', `No route for ${req.method} ${req.path}.`));
    res.setHeader('Allow', allowed.join(', '));
    sendError(
      res,
      new AppError('method_not_allowed', `${req.method} ${req.path} is not supported; use ${allowed.join(' or ')}.`),
    );
  };
}
