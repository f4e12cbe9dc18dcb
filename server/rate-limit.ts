import type { RequestHandler } from 'express';
import { AppError } from '../core/errors.js';
import { sendError } from './http-errors.js';

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Token buckets per client: each holds up to a minute's allowance and refills continuously, so a
 * client may burst to `perMinute` and then sustains `perMinute` per minute. HTTP requests and
 * WebSocket messages draw from the same bucket.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private calls = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Take one token for `client`: 0 when allowed, else the seconds until one is available. */
  take(client: string): number {
    if (!this.enabled) return 0;
    const now = this.now();
    if (++this.calls % 1000 === 0) this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updated) * this.perMs);
    bucket.updated = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** Full buckets are the same as absent ones; dropping them keeps memory bounded by active clients. */
  private sweep(now: number): void {
    for (const [client, b] of this.buckets) {
      if (b.tokens + (now - b.updated) * this.perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}

export function rateLimitError(retryAfter: number): AppError {
  return new AppError('rate_limited', `Too many requests; retry in ${retryAfter} s.`);
}

/** 429 with Retry-After once a client has used its allowance. `exempt` paths (health probes) are never limited. */
export function rateLimit(limiter: RateLimiter, exempt: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (!limiter.enabled || exempt.has(req.originalUrl.split('?')[0] ?? '')) return next();
    const retryAfter = limiter.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (retryAfter === 0) return next();
    res.setHeader('Retry-After', String(retryAfter));
    sendError(res, rateLimitError(retryAfter));
  };
}
