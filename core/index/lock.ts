import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

const LOCK = 'LOCK';
const POLL_MS = 100;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock file, or say which live process holds it; a lock left by a dead process is taken over. */
async function tryLock(file: string): Promise<{ taken: true } | { taken: false; holder: number }> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return { taken: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && alive(holder)) return { taken: false, holder };
  // Killed mid-ingest (or a half-written lock): nobody holds it any more.
  await unlink(file).catch(() => undefined);
  return tryLock(file);
}

/**
 * Run `fn` as the only writer of an index folder across processes (an `ingest --watch` and a
 * server with WATCH=1 may share one). Waits up to `waitMs` for another writer, then fails with
 * `index_busy` naming it.
 */
export async function withIndexLock<T>(dir: string, fn: () => Promise<T>, waitMs = 60_000): Promise<T> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = await tryLock(file);
    if (attempt.taken) break;
    if (Date.now() >= deadline) {
      throw new AppError('index_busy', `Another ingest (process ${attempt.holder}) is writing ${dir}; try again when it has finished.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
