import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

/**
 * How much nicer than the caller a background run's threads are. A server re-indexing its folder
 * runs the ingest on two threads of its own process (ingest/threads/); on two cores they took the
 * CPU from the thread answering questions, whose event loop then waited its turn for 100-400 ms at a
 * time. Ten nicer, the kernel gives the answering thread about nine times their share whenever both
 * want a core; alone, they still use all of it.
 */
export const BACKGROUND_NICE = 10;

/** This thread's nice value before any background run (inherited from the thread that started it). */
let normal: number | undefined;

/**
 * Give the calling ingest thread (and the helper threads it starts, which inherit it) a background
 * run's priority, or its normal one back. Only on Linux and off the main thread: there a nice value
 * belongs to a thread, elsewhere to the whole process, the answering thread included.
 */
export function runInBackground(background: boolean): void {
  if (isMainThread || process.platform !== 'linux') return;
  try {
    normal ??= os.getPriority(0);
    const wanted = background ? Math.min(19, normal + BACKGROUND_NICE) : normal;
    if (os.getPriority(0) !== wanted) os.setPriority(0, wanted);
  } catch {
    // Raising a thread's priority back needs a privilege: the run goes on at the lower one.
  }
}
