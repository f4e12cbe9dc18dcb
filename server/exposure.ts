import type { Config } from '../core/config.js';

/** Host names that reach this machine only. */
export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * What `npm start` warns at start-up when the server listens beyond this machine with no API key:
 * what anyone who reaches the port may do (uploading and deleting only when UPLOADS is on).
 */
export function exposureWarning(config: Pick<Config, 'HOST' | 'API_KEY' | 'UPLOADS'>): string | undefined {
  if (LOOPBACK.has(config.HOST) || config.API_KEY) return undefined;
  const can = config.UPLOADS ? 'ask, upload and delete documents' : 'ask questions and read the documents';
  return `Warning: listening on ${config.HOST} without API_KEY: anyone who can reach this port can ${can}.`;
}
