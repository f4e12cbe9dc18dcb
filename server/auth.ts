import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../core/errors.js';
import { sendError } from './http-errors.js';

/** Compares digests, so neither the key's length nor its prefix leaks through timing. */
export function keyMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

const unauthorized = () =>
  new AppError('unauthorized', 'A valid API key is required: send Authorization: Bearer <key>.');

/**
 * With an API key configured, requests must carry it as a bearer token. Mounted on path prefixes
 * (not per route), so routers added later under those prefixes are covered too; `open` lists the
 * paths that stay public (health probes).
 */
export function requireApiKey(apiKey: string | undefined, open: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (!apiKey || req.method === 'OPTIONS' || open.has(req.originalUrl.split('?')[0] ?? '')) return next();
    if (keyMatches(apiKey, bearerToken(req.headers.authorization))) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="docqa"');
    sendError(res, unauthorized());
  };
}

/**
 * How a WebSocket upgrade authenticates: 'ok' with a good key in the Authorization header or
 * `?api_key=`, 'pending' with none (the first frame must then be an auth frame), 'denied' with a wrong one.
 */
export function upgradeAuth(apiKey: string | undefined, req: IncomingMessage): 'ok' | 'pending' | 'denied' {
  if (!apiKey) return 'ok';
  const fromQuery = new URL(req.url ?? '/', 'http://localhost').searchParams.get('api_key') ?? undefined;
  const given = bearerToken(req.headers.authorization) ?? fromQuery;
  if (given === undefined) return 'pending';
  return keyMatches(apiKey, given) ? 'ok' : 'denied';
}
