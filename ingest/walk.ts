import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const SUPPORTED_EXTENSIONS = new Set(['.txt', '.md']);

export interface FoundFile {
  /** Relative to the docs folder, forward slashes. */
  source: string;
  absolute: string;
}

export interface Skip {
  source: string;
  reason: string;
}

const JUNK_DIRS = new Set(['node_modules', '.git']);

/** Walk `root` recursively, in a stable order; returns readable candidates and what was skipped and why. */
export async function walk(root: string): Promise<{ files: FoundFile[]; skipped: Skip[] }> {
  const files: FoundFile[] = [];
  const skipped: Skip[] = [];
  async function visit(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      const source = path.relative(root, absolute).split(path.sep).join('/');
      if (entry.name.startsWith('.') || JUNK_DIRS.has(entry.name)) continue;
      if (entry.isDirectory()) await visit(absolute);
      else if (!entry.isFile()) skipped.push({ source, reason: 'not a regular file (links are not followed)' });
      else if (!SUPPORTED_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
        skipped.push({ source, reason: `unsupported type "${path.extname(entry.name) || '(none)'}" (reads ${[...SUPPORTED_EXTENSIONS].join(', ')})` });
      else files.push({ source, absolute });
    }
  }
  await visit(root);
  return { files, skipped };
}
