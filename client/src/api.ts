import { loadApiKey } from './apiKey.js';

/** Told about a 401 from /api: `keySent` says whether a key was sent (so it was refused) or missing. */
type UnauthorizedListener = (keySent: boolean) => void;

const listeners = new Set<UnauthorizedListener>();

/** Hear about every 401 an API call gets; returns the unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** fetch for /api/*: sends the stored key as `Authorization: Bearer <key>` and reports a 401 to the listeners. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const key = loadApiKey();
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) for (const listener of listeners) listener(key !== undefined);
  return response;
}

/**
 * Whether the server wants a key: a HEAD of the OpenAPI document, which is always there and behind the
 * key when one is set. Run only while no key is stored: a server waiting for an auth frame would
 * otherwise hold a keyless socket open for 10 s before refusing it. Unreachable counts as "no".
 */
export async function keyRequired(): Promise<boolean> {
  try {
    return (await fetch('/api/openapi.json', { method: 'HEAD' })).status === 401;
  } catch {
    return false;
  }
}
