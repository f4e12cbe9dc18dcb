import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

const LOCK = 'LOCK';
const POLL_MS = 100;
/** The holder touches its lock this often... */
const HEARTBEAT_MS = 5_000;
/** ...so a lock untouched for this long was left by a process that is gone, whatever its pid is now. */
export const STALE_MS = 30_000;

/** Lock files this process holds right now (a pid alone cannot tell this process from a dead one it reused). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the writer named in a lock may still be writing. Its pid must be alive on this machine
 * (and not be this process, unless this process holds the lock), and the lock must have been
 * touched recently: in containers pids are reused, so a pid that exists proves little on its own.
 */
async function heldByLiveWriter(file: string, content: string): Promise<boolean> {
  const [pidText, host] = content.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isInteger(pid)) return false;
  const touched = await stat(file).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (Date.now() - touched > STALE_MS) return false;
  if (host !== undefined && host !== os.hostname()) return true;
  if (pid === process.pid) return heldHere.has(file);
  return alive(pid);
}

/** Take the lock file, or say which live process holds it; a lock left by a dead process is taken over. */
async function tryLock(file: string): Promise<{ taken: true } | { taken: false; holder: number }> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(`${process.pid} ${os.hostname()}\n`);
    await handle.close();
    return { taken: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const content = await readFile(file, 'utf8').catch(() => '');
  if (await heldByLiveWriter(file, content)) return { taken: false, holder: Number.parseInt(content, 10) };
  // Killed mid-ingest, a reused pid, or a half-written lock: nobody holds it any more.
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
      throw new AppError(
        'index_busy',
        `Another ingest (process ${attempt.holder}) is writing ${dir}; try again when it has finished.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  heldHere.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    heldHere.delete(file);
    await unlink(file).catch(() => undefined);
  }
}
