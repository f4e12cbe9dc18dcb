import { SourceResponseSchema, type SourceResponse } from '../../core/protocol.js';
import { requestJson } from './api.js';

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

/** Drop a document's cached text: after it is replaced or deleted, the next open must not show the old one. */
export function forgetSource(path: string): void {
  cache.delete(path);
}

async function load(path: string): Promise<SourceResult> {
  const result = await requestJson(
    `/api/sources?path=${encodeURIComponent(path)}`,
    {},
    SourceResponseSchema,
    'This document could not be opened',
  );
  return result.ok ? { ok: true, source: result.data } : result;
}
