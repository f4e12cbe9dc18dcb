import type { IncomingMessage } from 'node:http';
import cors from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers. The chat page is a same-origin bundle with inline styles, so scripts stay
 * 'self' only; the WebSocket is same-origin ('self' covers ws: in CSP 3 browsers). The server
 * speaks plain HTTP, so requests are not upgraded to https (that would break LAN deployments).
 */
export function securityHeaders(): RequestHandler {
  const headers = headersOf(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * The headers a middleware sets, found once: helmet's are the same for every request (no nonce), and
 * setting them from a list costs less than its dozen middlewares on every request.
 */
function headersOf(middleware: RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  let called = false;
  void middleware({} as Request, res as unknown as Response, () => (called = true));
  if (!called) throw new Error('security headers: the middleware did not finish synchronously');
  return headers;
}

/**
 * CORS for the listed origins only; with none, browsers keep their same-origin default. A listed
 * origin may send any header its preflight asks for (no `allowedHeaders`: cors echoes them), since
 * client libraries add their own: the openai client sends X-Stainless-* on every request.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins.map(normalOrigin));
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(normalOrigin(origin))),
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}

/**
 * A browser page from another site must not open the WebSocket with the user's network position
 * (cross-site WebSocket hijacking); non-browser clients send no Origin and are not affected.
 */
export function originAllowed(req: IncomingMessage, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.host || origins.map(normalOrigin).includes(normalOrigin(origin));
}

export function normalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
