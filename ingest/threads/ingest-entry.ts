/** The ingest thread's side (see ingest-thread.ts): one run at a time, progress and the outcome posted back. */
import { parentPort } from 'node:worker_threads';
import { localHashProvider } from '../../core/providers/local-hash.js';
import { ingestLocked } from '../ingest.js';
import { toThreadError } from './boot.js';
import { rememberConversions } from '../load.js';
import { keepGenerations } from '../kept-generation.js';
import type { ThreadReply, ThreadRequest } from './ingest-thread.js';

const post = (reply: ThreadReply) => parentPort!.postMessage(reply);

parentPort!.on('message', ({ options, embedder, conversions }: ThreadRequest) => {
  rememberConversions(conversions);
  // A thread kept for the next run keeps the generation it writes too (ingest/kept-generation.ts).
  keepGenerations(options.keepThread !== false);
  ingestLocked({
    ...options,
    provider: localHashProvider(embedder),
    threads: true,
    onProgress: (event) => post({ type: 'progress', event }),
  }).then(
    (summary) => post({ type: 'done', summary }),
    (err: unknown) => post({ type: 'error', error: toThreadError(err) }),
  );
});
