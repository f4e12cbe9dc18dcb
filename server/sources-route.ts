import { stat } from 'node:fs/promises';
import { Router } from 'express';
import { AppError } from '../core/errors.js';
import { LineMap } from '../core/text/lines.js';
import { SourcesQuerySchema, type DocumentsResponse, type SourceResponse } from '../core/protocol.js';
import { loadDocument } from '../ingest/load.js';
import type { LoadLimits } from '../ingest/load.js';
import type { EngineHolder } from './engine-holder.js';
import { checkRelativePath, resolveInside } from './safe-path.js';
import { parseRequest } from './parse-request.js';
import type { RouteTable } from './route-table.js';

/** Relative to the router's mount point (/api). */
export const SOURCES_ROUTES = { '/sources': ['GET'], '/documents': ['GET'] } as const satisfies RouteTable;

/**
 * GET /api/sources?path=… (a document's text, for showing citations in context) and
 * GET /api/documents (what is indexed, and what is not and why). Only files in the live index manifest are ever read. The text
 * is the file as it is now; when that is not the version indexed (edited, no watch, no re-ingest), the
 * response says so, since the citations' line numbers refer to the indexed version.
 */
/**
 * `limits` are the ingest's own, so the viewer never refuses a document the index accepted;
 * `uploads` says whether the documents router is mounted too, so the page offers upload and delete.
 */
export function sourcesRouter(
  holder: EngineHolder,
  docsDir: string,
  limits: Partial<LoadLimits> = {},
  uploads = false,
): Router {
  const router = Router();

  router.get('/sources', async (req, res) => {
    const source = checkRelativePath(parseRequest(SourcesQuerySchema, req.query).path);
    const live = holder.current;
    if (!live) throw holder.notReady;
    if (!Object.hasOwn(live.manifest.files, source)) throw new AppError('not_found', `No indexed document ${source}.`);
    const absolute = await resolveInside(docsDir, source);
    const loaded = await loadDocument(absolute, limits);
    if (!loaded.ok) throw new AppError('not_found', `The document ${source} cannot be read now (${loaded.reason}).`);
    const body: SourceResponse = {
      source,
      format: loaded.format,
      text: loaded.text,
      lines: new LineMap(loaded.text).lineOf(Math.max(0, loaded.text.length - 1)),
      bytes: (await stat(absolute)).size,
      changedSinceIndexed: loaded.hash !== live.manifest.files[source]!.hash,
      ...(loaded.pageStarts ? { pageStarts: loaded.pageStarts } : {}),
    };
    res.json(body);
  });

  router.get('/documents', (_req, res) => {
    const live = holder.current;
    if (!live) throw holder.notReady;
    const documents = Object.entries(live.manifest.files).map(([source, file]) => ({ source, chunks: file.chunks }));
    const failed = Object.entries(live.manifest.failed ?? {}).map(([source, file]) => ({
      source,
      reason: file.reason,
    }));
    // An index written before the manifest recorded skips has none to list (the next write adds them).
    const skipped = Object.entries(live.manifest.skipped ?? {}).map(([source, file]) => ({
      source,
      reason: file.reason,
    }));
    const body: DocumentsResponse = { documents, failed, skipped, uploads };
    res.json(body);
  });

  return router;
}
