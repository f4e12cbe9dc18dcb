import { randomBytes } from 'node:crypto';
import { open, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { faultPoint } from './fault.js';

/**
 * Writes that survive a power loss, not only a process kill. rename() is atomic for other
 * processes at once, but until the data and the directory entries are flushed, a power loss can
 * leave a renamed name pointing at an empty or partial file. So: each file's data is fsynced before
 * anything names it, and a folder is fsynced after an entry in it is created or renamed.
 */

/** Write `content` to a new file and flush it. The fault point between the halves simulates a crash mid-write. */
export async function writeSynced(file: string, content: string | Buffer, step: string): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const half = Math.floor(bytes.length / 2);
  const handle = await open(file, 'w');
  try {
    await handle.write(bytes, 0, half);
    faultPoint(`${step}:partial`);
    await handle.write(bytes, half, bytes.length - half);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flush a folder's entries (its files' names; their data is each file's own fsync). */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder as a file; NTFS journals its renames itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flush every file below `dir` (written by code we do not control, e.g. hnswlib), then every folder, deepest first. */
export async function syncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(full);
    else if (entry.isFile()) await syncFile(full);
  }
  await syncDir(dir);
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace `file` with `content` atomically and durably: a synced temp file renamed over it, then the
 * folder synced so the rename itself is on disk. A reader sees the old content or the new, whole.
 */
export async function replaceDurably(file: string, content: string, step: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeSynced(tmp, content, step);
  faultPoint(`${step}:synced`);
  await rename(tmp, file);
  faultPoint(`${step}:renamed`);
  await syncDir(path.dirname(file));
}
