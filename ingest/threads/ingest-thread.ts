/**
 * An ingest run on its own thread: converting, chunking, fitting, embedding, BM25 and the vector
 * graph all happen off the caller's event loop, so a server re-indexing an upload or a watched
 * folder keeps answering, and `npm run ingest` redraws its progress bar on time. Only for the
 * local embedder, which a thread can rebuild from its spec; other providers (network models, test
 * fakes) run in the caller's thread as before.
 */
import type { Worker } from 'node:worker_threads';
import { sameSpec, type EmbedderProvider } from '../../core/embed/embedder.js';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { siblingModule } from '../../core/paths.js';
import { localHashProvider, type LocalHashSettings } from '../../core/providers/local-hash.js';
import type { IngestOptions, IngestSummary, ProgressEvent } from '../ingest.js';
import { startWorker, type ThreadError } from './boot.js';
import { recentConversions, type Loaded } from '../load.js';

/** What the thread is asked to do: the options, with the embedder as its settings. */
export interface ThreadRequest {
  options: Omit<IngestOptions, 'provider' | 'onProgress' | 'beforeSave' | 'threads'>;
  embedder: LocalHashSettings;
  /** This thread's last conversions: an upload checked here is not converted again there. */
  conversions: [string, Loaded][];
}

export type ThreadReply =
  /** In order, batched (ingest-entry.ts). */
  | { type: 'progress'; events: ProgressEvent[] }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'error'; error: ThreadError };

/** The local embedder's settings when `provider` is exactly the local embedder (so a thread can make the same one). */
export function localSettings(provider: EmbedderProvider): LocalHashSettings | undefined {
  if (provider.spec.provider !== 'local') return undefined;
  const settings = provider.spec.settings as unknown as LocalHashSettings;
  try {
    return sameSpec(localHashProvider(settings).spec, provider.spec) ? settings : undefined;
  } catch {
    return undefined;
  }
}

const ENTRY = siblingModule(import.meta.url, './ingest-entry');
const idle: Worker[] = [];
/**
 * An idle ingest thread is kept this long for the next run (a watched folder changes in bursts), then
 * stopped: its heap (parsers, the previous generation) is not the server's to carry between ingests.
 */
const KEEP_IDLE_MS = 60_000;
const retire = new WeakMap<Worker, NodeJS.Timeout>();

/** How many ingest threads wait idle for a next run. */
export const idleThreads = (): number => idle.length;

export function fromThreadError(e: ThreadError): Error {
  if (e.name === 'AppError' && e.code) return new AppError(e.code as ErrorCode, e.message);
  const err = Object.assign(new Error(e.message), { code: e.code, path: e.path });
  if (e.stack) err.stack = e.stack;
  return err;
}

/** A new ingest thread, which leaves the idle list if it ever stops (retired, or crashed while idle). */
function spawn(): Worker {
  const worker = startWorker(ENTRY);
  worker.on('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

/** Run an ingest (the caller holds the index lock) on a worker thread; idle threads are kept for the next run. */
export function ingestInThread(options: IngestOptions, embedder: LocalHashSettings): Promise<IngestSummary> {
  const { provider: _p, onProgress, beforeSave: _b, threads: _t, keepThread = true, ...rest } = options;
  const worker = idle.pop() ?? spawn();
  clearTimeout(retire.get(worker));
  worker.ref();
  return new Promise<IngestSummary>((resolve, reject) => {
    const finish = (reusable: boolean) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable && keepThread) {
        worker.unref();
        idle.push(worker);
        const timer = setTimeout(() => {
          // Out of the idle list before it stops, so no run can pick a stopping thread.
          const at = idle.indexOf(worker);
          if (at >= 0) idle.splice(at, 1);
          void worker.terminate();
        }, KEEP_IDLE_MS);
        timer.unref();
        retire.set(worker, timer);
      } else void worker.terminate();
    };
    const onMessage = (reply: ThreadReply) => {
      if (reply.type === 'progress') {
        for (const event of reply.events) onProgress?.(event);
        return;
      }
      finish(true);
      if (reply.type === 'done') resolve(reply.summary);
      else reject(fromThreadError(reply.error));
    };
    const onError = (err: Error) => {
      finish(false);
      reject(err);
    };
    const onExit = (code: number) => {
      finish(false);
      reject(new Error(`the ingest thread stopped unexpectedly (exit code ${code})`));
    };
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage({
      options: { ...rest, keepThread },
      embedder,
      conversions: recentConversions(),
    } satisfies ThreadRequest);
  });
}
