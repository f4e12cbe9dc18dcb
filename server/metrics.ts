import type { Request, RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineHolder } from './engine-holder.js';
import { matchRoute } from './route-table.js';

/**
 * Prometheus metrics, one registry per server instance so several servers in one process (tests)
 * never share or clash over counters.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'docqa_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'docqa_answer_seconds',
    help: 'Answer latency by phase: retrieval (question to passages), generation (passages to done), total',
    labelNames: ['phase'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly answers = new Counter({
    name: 'docqa_answers_total',
    help: 'Answers by outcome: answered, abstained, error, cancelled',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly websockets = new Gauge({
    name: 'docqa_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly reloads = new Counter({
    name: 'docqa_index_reloads_total',
    help: 'Index reloads by outcome (ok, failed, unchanged: the named generation was already live)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Route paths (`:name` for a parameter), for labelling requests that never reached their route (401, 429, 405). */
  readonly knownPaths = new Set<string>();

  constructor(holder: EngineHolder) {
    collectDefaultMetrics({ register: this.registry, prefix: 'docqa_' });
    // Read at scrape time, so the gauges can never disagree with the index actually being served.
    new Gauge({
      name: 'docqa_index_chunks',
      help: 'Chunks in the live index',
      registers: [this.registry],
      collect() {
        this.set(holder.current?.manifest.counts.chunks ?? 0);
      },
    });
    new Gauge({
      name: 'docqa_index_files',
      help: 'Files in the live index',
      registers: [this.registry],
      collect() {
        this.set(holder.current?.manifest.counts.files ?? 0);
      },
    });
  }

  /** Counts each request when it ends, labelled by its route pattern (bounded label values, unlike raw paths). */
  countRequests(): RequestHandler {
    return (req, res, next) => {
      res.on('close', () =>
        this.requests.inc({
          method: req.method,
          route: routeLabel(req, this.knownPaths),
          status: String(res.statusCode),
        }),
      );
      next();
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function routeLabel(req: Request, known: ReadonlySet<string>): string {
  // Known fixed paths first: requests stopped before routing (401, 429) or ended by the error
  // handler (where the router's mount path is already gone) still get their route.
  const path = req.originalUrl.split('?')[0] ?? '';
  const matched = matchRoute(known, path);
  if (matched !== undefined) return matched;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  // Any other path is one bucket, so clients cannot mint label values.
  return 'other';
}
