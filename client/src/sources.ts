import { ErrorBodySchema, SourceResponseSchema, type SourceResponse } from '../../core/protocol.js';
import { apiFetch } from './api.js';

export type SourceResult = { ok: true; source: SourceResponse } | { ok: false; message: string };

/**
 * Moving between the citation chips of one answer reuses a fetch; after a short while the document is
 * fetched again, since files change and are re-indexed while a page stays open.
 */
const FRESH_MS = 15_000;
const cache = new Map<string, { at: number; result: Promise<SourceResult> }>();

/** A document's text from GET /api/sources, parsed against the shared schema; failures become readable messages. */
export function fetchSource(path: string): Promise<SourceResult> {
  const now = Date.now();
  const cached = cache.get(path);
  if (cached && now - cached.at < FRESH_MS) return cached.result;
  const result = load(path);
  cache.set(path, { at: now, result });
  void result.then((r) => r.ok || cache.delete(path));
  return result;
}

async function load(path: string): Promise<SourceResult> {
  let response: Response;
  try {
    response = await apiFetch(`/api/sources?path=${encodeURIComponent(path)}`, { headers: { accept: 'application/json' } });
  } catch {
    return { ok: false, message: 'The server could not be reached to open this document.' };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(body);
    const detail = error.success ? error.data.error.message : `HTTP ${response.status}`;
    return { ok: false, message: `This document could not be opened: ${detail}` };
  }
  const parsed = SourceResponseSchema.safeParse(body);
  return parsed.success ? { ok: true, source: parsed.data } : { ok: false, message: 'The server sent a document in an unexpected shape.' };
}
