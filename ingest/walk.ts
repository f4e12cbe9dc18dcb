import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SUPPORTED_EXTENSIONS } from './loaders/index.js';

export interface FoundFile {
  /** Relative to the docs folder, forward slashes. */
  source: string;
  absolute: string;
}

export interface Skip {
  source: string;
  reason: string;
}

/** Folders that are never documents: version control, dependencies, caches. Hidden names (".x") are skipped too. */
export const JUNK_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '__pycache__',
  '__MACOSX',
  'bower_components',
]);

/** True for a name the walk (and the watcher) never looks at. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || JUNK_DIRS.has(name);
}

/** Why a file with this extension (".pdf") is not read, or undefined when it is. */
export function unsupportedReason(extension: string): string | undefined {
  const ext = extension.toLowerCase();
  return SUPPORTED_EXTENSIONS.has(ext)
    ? undefined
    : `unsupported type "${ext || '(none)'}" (reads ${[...SUPPORTED_EXTENSIONS].join(', ')})`;
}

/**
 * Walk `root` recursively, in a stable order; returns readable candidates and what was skipped and why.
 * A symlink is followed only to a file inside the folder: one leading out could expose anything on
 * the machine, and linked folders could loop.
 */
export async function walk(root: string): Promise<{ files: FoundFile[]; skipped: Skip[] }> {
  const files: FoundFile[] = [];
  const skipped: Skip[] = [];
  const realRoot = await realpath(root);
  async function visit(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      // One unreadable folder is skipped with its reason; the root itself must be readable.
      if (dir === root || (err.code !== 'EACCES' && err.code !== 'EPERM')) throw err;
      skipped.push({
        source: path.relative(root, dir).split(path.sep).join('/'),
        reason: 'folder cannot be read (permission denied)',
      });
      return [];
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      const source = path.relative(root, absolute).split(path.sep).join('/');
      if (isIgnoredName(entry.name)) continue;
      const badName = nameProblem(entry.name);
      if (badName) skipped.push({ source, reason: badName });
      else if (entry.isDirectory()) await visit(absolute);
      else if (entry.isSymbolicLink()) {
        const why = await linkProblem(realRoot, absolute);
        if (why) skipped.push({ source, reason: why });
        else add(source, absolute);
      } else if (!entry.isFile()) skipped.push({ source, reason: 'not a regular file' });
      else add(source, absolute);
    }
  }
  function add(source: string, absolute: string): void {
    const unsupported = unsupportedReason(path.extname(source));
    if (unsupported) skipped.push({ source, reason: unsupported });
    else files.push({ source, absolute });
  }
  await visit(root);
  return { files, skipped };
}

/**
 * Names a citation could not point back to: the source viewer and the documents API take paths with
 * forward slashes and no control characters (a backslash in a name is common after unzipping a
 * Windows archive).
 */
function nameProblem(name: string): string | undefined {
  if (name.includes('\\')) return 'name contains a backslash (rename it to index it)';
  if (/[\u0000-\u001f]/.test(name))
    return 'name contains a control character such as a line break (rename it to index it)';
  return undefined;
}

async function linkProblem(realRoot: string, link: string): Promise<string | undefined> {
  try {
    const target = await realpath(link);
    const inside = path.relative(realRoot, target);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside))
      return 'symlink leads outside the documents folder (not followed)';
    const kind = await stat(target);
    if (kind.isDirectory()) return 'symlink to a folder (not followed)';
    if (!kind.isFile()) return 'symlink to something that is not a regular file (not followed)';
    return undefined;
  } catch {
    return 'broken symlink';
  }
}
