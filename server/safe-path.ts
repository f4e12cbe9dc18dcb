import { realpath } from 'node:fs/promises';
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
  if (requested.startsWith('/') || path.win32.isAbsolute(requested) || path.posix.isAbsolute(requested)) throw bad('must be relative to the documents folder');
  const segments = requested.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) throw bad('must not contain empty, "." or ".." segments');
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
  const inside = path.relative(realRoot, real);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) throw notFound;
  return real;
}
