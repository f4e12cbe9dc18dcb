import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors.js';

/**
 * Check a client-supplied document path by its shape alone, before touching the disk: relative,
 * forward slashes, no `.`/`..` segments, no NUL or control characters. Returns it normalised
 * to the manifest's form.
 */
export function checkRelativePath(requested: string): string {
  const bad = (why: string) => new AppError('invalid_request', `path ${why}.`);
  if (/[\u0000-\u001f]/.test(requested)) throw bad('must not contain control characters');
  if (requested.includes('\\')) throw bad('must use forward slashes');
  if (requested.startsWith('/') || path.win32.isAbsolute(requested) || path.posix.isAbsolute(requested))
    throw bad('must be relative to the documents folder');
  const segments = requested.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === ''))
    throw bad('must not contain empty, "." or ".." segments');
  return segments.join('/');
}

/**
 * The real location of `relative` inside `root`, following symlinks; a path that resolves outside
 * the real root (a symlink leaving it) or does not exist is `not_found`, so nothing outside is read.
 */
export async function resolveInside(root: string, relative: string): Promise<string> {
  const notFound = new AppError('not_found', `No document ${relative}.`);
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(path.join(root, relative));
  } catch {
    throw notFound;
  }
  if (real === realRoot || !isInside(realRoot, real)) throw notFound;
  return real;
}

/** Whether `candidate` (a real path) is `root` or inside it; "..notes" is a name, not a way out. */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => undefined)) !== undefined;
}

/**
 * The real folder that holds `relative` inside `root`. Containment is checked on the deepest folder
 * that already exists, before anything is created, so a symlinked folder leading out is refused
 * without touching the outside. Missing folders are created only with `create`; without it a
 * missing folder gives undefined.
 */
export async function parentInside(root: string, relative: string, create: boolean): Promise<string | undefined> {
  const outside = new AppError('invalid_request', 'path leads outside the documents folder.');
  const realRoot = await realpath(root);
  const parent = path.join(realRoot, path.posix.dirname(relative));
  let existing = parent;
  while (!(await exists(existing))) existing = path.dirname(existing);
  if (!isInside(realRoot, await realpath(existing))) throw outside;
  if (existing !== parent) {
    if (!create) return undefined;
    await mkdir(parent, { recursive: true });
  }
  const realParent = await realpath(parent);
  if (!isInside(realRoot, realParent)) throw outside;
  return realParent;
}
