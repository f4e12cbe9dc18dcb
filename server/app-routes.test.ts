import { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import type { IngestQueue } from '../ingest/queue.js';
import type { LoadLimits } from '../ingest/load.js';
import type { AnswerService } from './answers.js';
import { routerMounts } from './app.js';
import { ASK_ROUTES, askRouter } from './ask-route.js';
import { DOCUMENTS_ROUTES, documentsRouter } from './documents-routes.js';
import { EngineHolder } from './engine-holder.js';
import { OPENAI_ROUTES, openaiRouter } from './openai-routes.js';
import { OPENAPI_ROUTES, openApiDocument, openApiRouter } from './openapi.js';
import { OPS_ROUTES, opsRouter, type OpsDeps } from './ops-routes.js';
import { PAGE_ROUTES } from './page-route.js';
import { servedRoutes, type RouteTable } from './route-table.js';
import { createServices } from './services.js';
import { SOURCES_ROUTES, sourcesRouter } from './sources-route.js';
import type { ConversationStore } from '../core/conversations/store.js';
import type { ConversationAnswers } from './conversations/recorder.js';
import { CONVERSATION_ROUTES, conversationsRouter, OVERVIEW_ROUTES, overviewRouter } from './conversations/routes.js';

/** The routes a router declares itself, read from Express's route layers (a test may lean on internals). */
function declaredRoutes(router: Router): RouteTable {
  const table: Record<string, string[]> = {};
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).map((m) => m.toUpperCase());
    (table[layer.route.path] ??= []).push(...methods);
  }
  return table;
}

// Only building the routers: none of their dependencies is touched until a request arrives.
const none = {} as never;

describe('the route table', () => {
  it.each([
    ['ask', askRouter(none as AnswerService), ASK_ROUTES],
    ['ops', opsRouter(none as OpsDeps), OPS_ROUTES],
    ['sources', sourcesRouter(none as EngineHolder, '/docs'), SOURCES_ROUTES],
    [
      'documents',
      documentsRouter({
        docsDir: '/docs',
        limits: { maxFileBytes: 1 } as LoadLimits,
        indexer: none as IngestQueue,
        holder: none as EngineHolder,
      }),
      DOCUMENTS_ROUTES,
    ],
    ['openai', openaiRouter(none as AnswerService), OPENAI_ROUTES],
    ['openapi', openApiRouter({}), OPENAPI_ROUTES],
    ['conversations', conversationsRouter(none as ConversationStore), CONVERSATION_ROUTES],
    ['overview', overviewRouter(none as EngineHolder), OVERVIEW_ROUTES],
  ])('%s: the exported paths and methods are the ones the router declares', (_name, router, exported) => {
    expect(declaredRoutes(router)).toEqual(exported);
  });

  /** The table of the routers an app mounts, with or without an ingest queue (uploads on or off). */
  function served(indexer?: IngestQueue, env: Record<string, string> = {}, stored = true): RouteTable {
    const holder = new EngineHolder();
    const services = createServices(loadConfig({ LOG_LEVEL: 'silent', ...env }), holder, () =>
      Promise.reject(new Error('not loaded')),
    );
    const conversations = stored
      ? { store: none as ConversationStore, answers: none as ConversationAnswers }
      : undefined;
    return servedRoutes(routerMounts(holder, { ...services, indexer, conversations }));
  }

  const everyRoute = {
    '/api/ask': ['POST'],
    '/api/conversations': ['GET'],
    '/api/conversations/:id': ['GET', 'PATCH', 'DELETE'],
    '/api/feedback': ['POST'],
    '/api/feedback/export': ['GET'],
    '/api/suggestions': ['GET'],
    '/api/titles': ['GET'],
    '/api/sources': ['GET'],
    '/api/documents': ['GET', 'POST', 'DELETE'],
    '/api/admin/reload': ['POST'],
    '/api/openapi.json': ['GET'],
    '/api/health': ['GET'],
    '/api/ready': ['GET'],
    '/v1/chat/completions': ['POST'],
    '/v1/models': ['GET'],
    '/v1/models/:id': ['GET'],
    '/metrics': ['GET'],
    '/': ['GET'],
    '/index.html': ['GET'],
    '/main.js': ['GET'],
    '/main.js.map': ['GET'],
    '/styles.css': ['GET'],
    '/styles.css.map': ['GET'],
  };

  it('is built from the mounted routers, listing every route of the API and the page with its methods', () => {
    expect(served(none as IngestQueue)).toEqual(everyRoute);
  });

  it('without uploads lists only the methods served: /api/documents is GET only', () => {
    expect(served()).toEqual({ ...everyRoute, '/api/documents': ['GET'] });
  });

  it('with UPLOADS=0 leaves the documents router out even with an ingest queue (WATCH=1 has one)', () => {
    expect(served(none as IngestQueue, { UPLOADS: '0' })).toEqual({ ...everyRoute, '/api/documents': ['GET'] });
  });

  it('without a conversation store (an app built by hand) serves no conversation routes', () => {
    const table = served(none as IngestQueue, {}, false);
    expect(Object.keys(table).filter((p) => /conversations|feedback/.test(p))).toEqual([]);
  });

  /** The document's operations as a route table (`{id}` as `:id`). */
  function described(document: Record<string, unknown>): RouteTable {
    const paths = document.paths as Record<string, Record<string, unknown>>;
    return Object.fromEntries(
      Object.entries(paths).map(([path, ops]) => [
        path.replace(/\{(\w+)\}/g, ':$1'),
        Object.keys(ops).map((m) => m.toUpperCase()),
      ]),
    );
  }

  it.each([
    ['with uploads', none as IngestQueue, {}],
    ['without uploads', undefined, {}],
    ['with UPLOADS=0', none as IngestQueue, { UPLOADS: '0' }],
  ])('the OpenAPI document %s describes exactly the routes served, and the WebSocket', (_name, indexer, env) => {
    // Both ways: nothing unmounted is described, and a route added to a router but not to the document fails here.
    const table = served(indexer, env);
    const api = Object.fromEntries(
      Object.entries(table).filter(([path]) => path !== '/api/openapi.json' && !Object.hasOwn(PAGE_ROUTES, path)),
    );
    expect(described(openApiDocument(table))).toEqual({ ...api, '/ws': ['GET'] });
  });
});
