import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { LOOPBACK } from './exposure.js';
import { sendError } from './http-errors.js';

/** Names that always mean this machine. `::1` appears in a Host header in brackets. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which Host headers a server answers. A DNS-rebinding page points its own name at 127.0.0.1, so its
 * requests reach a loopback server carrying `Host: evil.example`: refusing unknown names is what keeps
 * such a page from reading answers and documents. On loopback the list is always enforced; on other
 * interfaces (a LAN, a container) clients use whatever address reaches the machine, so only once
 * ALLOWED_HOSTS names them. Undefined: every Host is answered.
 */
export function hostPolicy(
  config: Pick<Config, 'HOST' | 'ALLOWED_HOSTS'>,
): ((req: IncomingMessage) => boolean) | undefined {
  const extra = config.ALLOWED_HOSTS;
  if (extra.includes('*')) return undefined;
  if (!LOOPBACK.has(config.HOST) && extra.length === 0) return undefined;
  return (req) => hostAllowed(req.headers.host, extra);
}

/**
 * Built-in names match with any port or none: only the name matters against rebinding (a page cannot
 * make its browser send `Host: localhost` to its own address), and an SSH tunnel or a dev proxy
 * (`localhost:8080` forwarded here) sends its own port. An ALLOWED_HOSTS entry without a port matches
 * any port, one with a port only that port.
 */
export function hostAllowed(host: string | undefined, extra: readonly string[]): boolean {
  if (!host) return false;
  const given = host.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec(given);
  if (!match) return false;
  const [, name, port] = match;
  if (LOOPBACK_NAMES.includes(name!)) return true;
  return extra.includes(name!) || (port !== undefined && extra.includes(`${name}:${port}`));
}

export function hostRefusal(host: string | undefined): AppError {
  return new AppError(
    'host_not_allowed',
    `This server does not answer for Host "${host ?? ''}"; use localhost, 127.0.0.1 or [::1], or add the name to ALLOWED_HOSTS.`,
  );
}

/** Refuses requests for a Host outside the policy, before any route sees them. */
export function requireAllowedHost(allowed: ((req: IncomingMessage) => boolean) | undefined): RequestHandler {
  return (req, res, next) => {
    if (!allowed || allowed(req)) return next();
    sendError(res, hostRefusal(req.headers.host));
  };
}
