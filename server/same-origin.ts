import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../core/errors.js';
import { sendError } from './http-errors.js';
import { normalOrigin } from './security.js';

/** Methods that only read: a cross-site page may send them, and CORS keeps it from reading the answer. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change server state. A `multipart/form-data` or `text/plain` POST is a
 * CORS "simple" request: a browser sends it from any site without a preflight, so CORS alone does
 * not stop a page the user visits from uploading or deleting documents. Browsers always send
 * Origin on such requests (and Sec-Fetch-Site on all of them); clients that send neither (curl,
 * SDKs, scripts) are not browsers acting for a page and are let through, with or without API_KEY.
 */
export function writeAllowed(req: IncomingMessage, origins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  // "null": a sandboxed frame, a file:// page or a redirect across sites; never this server's page.
  if (origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // The server's own page: its origin names the Host it was loaded from. (A rebinding page's Host is
  // its own name; the Host allow-list refuses it before this check.)
  if (parsed.host === req.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return true;
  return origins.has(normalOrigin(origin));
}

/**
 * 403 `forbidden_origin` for any non-reading request from a page on another site. Applied to every
 * method but GET/HEAD/OPTIONS rather than to a list of routes, so a route added later is covered;
 * the reading POSTs (ask, chat completions) lose nothing, as CORS already hides their answers.
 */
export function requireSameOriginWrites(corsOrigins: readonly string[]): RequestHandler {
  const origins = new Set(corsOrigins.map(normalOrigin));
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || writeAllowed(req, origins)) return next();
    const from = req.headers.origin ?? 'a cross-site page (Sec-Fetch-Site: cross-site)';
    sendError(
      res,
      new AppError(
        'forbidden_origin',
        `${req.method} ${req.path} is refused from ${from}: only this server's own page and the origins in CORS_ORIGINS may send requests that change anything.`,
      ),
    );
  };
}
