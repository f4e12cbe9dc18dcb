import { Router } from 'express';
import { AppError, toAppError } from '../core/errors.js';
import type { Drain } from './drain.js';
import type { EngineHolder } from './engine-holder.js';
import type { Metrics } from './metrics.js';
import type { IndexReloader } from './reloader.js';
import type { RouteTable } from './route-table.js';

/** Full paths: the router is mounted at the root. */
export const OPS_ROUTES = {
  '/api/health': ['GET'],
  '/api/ready': ['GET'],
  '/api/admin/reload': ['POST'],
  '/metrics': ['GET'],
} as const satisfies RouteTable;

/** Paths that stay public with an API key and are never rate limited: probes and the scraper. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/api/health', '/api/ready', '/metrics']);

export interface OpsDeps {
  holder: EngineHolder;
  reloader: IndexReloader;
  drain: Drain;
  metrics: Metrics;
}

/**
 * Operations: liveness (/api/health: an index is loaded), readiness (/api/ready: loaded, not
 * reloading, not shutting down), a manual reload, and Prometheus metrics.
 */
export function opsRouter({ holder, reloader, drain, metrics }: OpsDeps): Router {
  const router = Router();

  router.get('/api/health', (_req, res) => {
    const live = holder.current;
    if (!live) throw holder.notReady;
    res.json({
      status: 'ok',
      index: { generation: live.generation, ...live.manifest.counts, embedder: live.manifest.embedder },
    });
  });

  router.get('/api/ready', (_req, res) => {
    const reason = drain.draining
      ? 'shutting down'
      : reloader.reloading
        ? 'reloading the index'
        : !holder.current
          ? holder.notReady.message
          : undefined;
    res
      .status(reason ? 503 : 200)
      .json({ ready: !reason, ...(reason ? { reason } : {}), generation: holder.current?.generation });
  });

  router.post('/api/admin/reload', async (_req, res) => {
    try {
      await reloader.reload();
    } catch (err) {
      const error = toAppError(err);
      // The previous index keeps serving; say why the new one was refused.
      throw new AppError(error.code === 'internal_error' ? 'index_corrupt' : error.code, error.message);
    }
    res.json({ ready: true, generation: holder.current?.generation });
  });

  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });

  return router;
}
