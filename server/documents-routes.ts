import { randomBytes } from 'node:crypto';
import { lstat, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod/v4';
import { AppError } from '../core/errors.js';
import { SourcesQuerySchema, type DeleteResponse, type UploadResponse } from '../core/protocol.js';
import type { IngestQueue } from '../ingest/queue.js';
import type { EngineHolder } from './engine-holder.js';
import type { IngestSummary } from '../ingest/ingest.js';
import { extract, hashBytes, type LoadLimits } from '../ingest/load.js';
import { isIgnoredName, unsupportedReason } from '../ingest/walk.js';
import { checkRelativePath, parentInside } from './safe-path.js';
import { uploadBody } from './upload-body.js';
import { parseRequest } from './parse-request.js';
import type { RouteTable } from './route-table.js';

/** Relative to the router's mount point (/api). */
export const DOCUMENTS_ROUTES = { '/documents': ['POST', 'DELETE'] } as const satisfies RouteTable;

const UploadFieldsSchema = z.object({
  /** Folder inside the docs folder to put the file in; created if missing. */
  path: z.string().max(512, 'path is too long').optional(),
});

/** Names people give files, minus anything a filesystem or a shell would trip on. */
export function safeFileName(original: string): string {
  const base = path.posix.basename(original.replaceAll('\\', '/')).normalize('NFC');
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.~$ ]+/, '');
  if (!cleaned || !path.extname(cleaned))
    throw new AppError('invalid_request', `file name "${original}" has no usable name and extension.`);
  return cleaned.slice(-200);
}

/**
 * POST /api/documents (multipart: `file`, optional `path` folder) adds or replaces a document and
 * indexes it; DELETE /api/documents?path=… removes one and re-indexes. Both answer once the new
 * index is live. Mounted under /api, after the API-key check.
 */
export function documentsRouter({
  docsDir,
  limits,
  indexer,
  holder,
}: {
  docsDir: string;
  limits: LoadLimits;
  indexer: IngestQueue;
  holder: EngineHolder;
}): Router {
  const router = Router();
  const maxFileBytes = limits.maxFileBytes;

  router.post('/documents', uploadBody('file', maxFileBytes), async (req, res) => {
    const fields = parseRequest(UploadFieldsSchema, req.body ?? {});
    if (!req.file)
      throw new AppError('invalid_request', 'Send the document as multipart/form-data in the field "file".');
    const name = safeFileName(req.file.originalname);
    const unsupported = unsupportedReason(path.extname(name));
    if (unsupported) throw new AppError('invalid_request', `${name}: ${unsupported}.`);
    const folder = fields.path?.replace(/\/+$/, '') ? checkFolder(fields.path) : '';
    const source = folder ? `${folder}/${name}` : name;
    // Convert before touching the folder: a corrupt upload must not replace a good document.
    const loaded = await extract(
      { bytes: req.file.buffer, hash: hashBytes(req.file.buffer) },
      path.extname(name),
      limits,
    );
    if (!loaded.ok) throw new AppError('invalid_request', `${name} cannot be indexed: ${loaded.reason}.`);
    const target = (await targetInside(docsDir, source, true))!;
    const replaced = await isFile(target);
    // Write beside the target under a hidden name and rename: the watcher and a concurrent ingest never see half a file.
    const tmp = path.join(path.dirname(target), `.upload-${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(tmp, req.file.buffer);
      await rename(tmp, target);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    const summary = await indexer.request();
    const skipped = summary.skipped.find((s) => s.source === source);
    if (skipped) throw new AppError('invalid_request', `${source} was saved but cannot be indexed: ${skipped.reason}.`);
    const body: UploadResponse = { source, replaced, format: loaded.format, index: counts(summary) };
    res.status(replaced ? 200 : 201).json(body);
  });

  router.delete('/documents', async (req, res) => {
    const source = checkRelativePath(parseRequest(SourcesQuerySchema, req.query).path);
    const target = await targetInside(docsDir, source, false);
    // A file deleted on disk without WATCH is still in the index: deleting it here re-indexes.
    const indexed = holder.current?.manifest.files[source] !== undefined;
    const onDisk = target !== undefined && (await isFile(target));
    if (!onDisk && !indexed) throw new AppError('not_found', `No document ${source}.`);
    // Two deletes of one file race between the check and the unlink: the second finds nothing to unlink.
    if (onDisk) await unlink(target).catch((err: NodeJS.ErrnoException) => rethrowUnless(err, 'ENOENT'));
    await removeEmptyFolders(docsDir, path.posix.dirname(source));
    const summary = await indexer.request();
    const body: DeleteResponse = { source, removed: true, index: counts(summary) };
    res.json(body);
  });

  return router;
}

/** A folder path from the client: shape-checked, and no hidden or junk folder the ingest would ignore. */
function checkFolder(requested: string): string {
  // Only trailing slashes go: "/etc" is an absolute folder and refused, not quietly made "etc".
  const folder = checkRelativePath(requested.replace(/\/+$/, ''));
  if (folder.split('/').some((s) => isIgnoredName(s)))
    throw new AppError('invalid_request', 'path must not name a hidden or ignored folder.');
  return folder;
}

/**
 * Where `source` is on disk: its folder must really be inside the docs folder (checked before any
 * folder is created; only an upload creates one) and the target itself must not be a link.
 * Undefined when deleting from a folder that does not exist.
 */
async function targetInside(docsDir: string, source: string, create: boolean): Promise<string | undefined> {
  const parent = await parentInside(docsDir, source, create);
  if (!parent) return undefined;
  const target = path.join(parent, path.posix.basename(source));
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isFile())
    throw new AppError('invalid_request', `${source} exists and is not a regular file.`);
  return target;
}

function rethrowUnless(err: NodeJS.ErrnoException, code: string): void {
  if (err.code !== code) throw err;
}

/** The folders a deleted document leaves empty, innermost first, up to (not including) the docs folder. */
async function removeEmptyFolders(docsDir: string, folder: string): Promise<void> {
  for (let dir = folder; dir !== '.' && dir !== ''; dir = path.posix.dirname(dir)) {
    // rmdir removes only an empty folder; anything else (not empty, gone, a link) ends the walk up.
    const removed = await rmdir(path.join(docsDir, dir)).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

async function isFile(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => undefined))?.isFile() ?? false;
}

function counts(summary: IngestSummary) {
  return { files: summary.files, chunks: summary.chunks, written: summary.written };
}
