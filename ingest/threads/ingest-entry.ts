/** The ingest thread's side (see ingest-thread.ts): one run at a time, progress and the outcome posted back. */
import { parentPort } from 'node:worker_threads';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { ingestLocked } from '../ingest.js';
import { toThreadError } from './boot.js';
import { rememberConversions } from '../load.js';
import { keepGenerations } from '../kept-generation.js';
import type { ThreadReply, ThreadRequest } from './ingest-thread.js';
import type { ProgressEvent } from '../ingest.js';

const post = (reply: ThreadReply) => parentPort!.postMessage(reply);

/**
 * Progress goes over in batches: a run over an unchanged large folder reports a file every few
 * microseconds, and a message each (6,900 at 100k chunks) cost this thread 65 ms of a one-file
 * re-index and the caller's thread as much again. A batch waits at most BATCH_MS.
 */
const BATCH = 256;
const BATCH_MS = 25;
let pending: ProgressEvent[] = [];
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  if (pending.length > 0) post({ type: 'progress', events: pending });
  pending = [];
}

function progress(event: ProgressEvent): void {
  pending.push(event);
  if (pending.length >= BATCH) flush();
  else timer ??= setTimeout(flush, BATCH_MS);
}

parentPort!.on('message', ({ options, embedder, conversions }: ThreadRequest) => {
  rememberConversions(conversions);
  // A thread kept for the next run keeps the generation it writes too (ingest/kept-generation.ts).
  keepGenerations(options.keepThread !== false);
  ingestLocked({
    ...options,
    provider: localHashProvider(embedder),
    threads: true,
    onProgress: progress,
  }).then(
    (summary) => {
      flush();
      post({ type: 'done', summary });
    },
    (err: unknown) => {
      flush();
      post({ type: 'error', error: toThreadError(err) });
    },
  );
});
