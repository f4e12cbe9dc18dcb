import type { z } from 'zod/v4';
import { ErrorBodySchema } from '../../core/protocol.js';
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

/** A parsed answer from the API, or a sentence saying what went wrong. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * An /api call whose JSON answer is parsed against the shared schema. Every failure (unreachable,
 * an error body, an unexpected shape) becomes one readable sentence starting with `failure`.
 */
export async function requestJson<T>(
  path: string,
  init: RequestInit,
  schema: z.ZodType<T>,
  failure: string,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await apiFetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, message: `${failure}: the server could not be reached.` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(body);
    return {
      ok: false,
      message: `${failure}: ${error.success ? error.data.error.message : `HTTP ${response.status}`}`,
    };
  }
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, message: `${failure}: the server answered in an unexpected shape.` };
}
