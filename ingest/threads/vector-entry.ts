/** The vector helper thread's side (see vector-thread.ts): batches inserted in the order they come. */
import { parentPort } from 'node:worker_threads';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { vectorStoreBuilder } from '../../core/index/vectors.js';
import { saveVectors } from '../../core/index/vector-files.js';
import { localHashProvider } from '../../core/providers/local-hash.js';
import type { Chunk } from '../../core/types.js';
import { toThreadError } from './boot.js';
import type { VectorReply, VectorRequest } from './vector-thread.js';

const post = (reply: VectorReply) => parentPort!.postMessage(reply);

type Builder = Awaited<ReturnType<typeof vectorStoreBuilder>>;
let building: Promise<Builder> | undefined;
let embedder: ReturnType<ReturnType<typeof localHashProvider>['restore']> | undefined;
let dimensions = 0;
/** Every step waits for the one before: batches go in in chunk order. */
let queue: Promise<unknown> = Promise.resolve();
let store: HNSWLib | undefined;

function then(step: () => Promise<unknown> | void, done?: () => void): void {
  queue = queue
    .then(step)
    .then(done, (err: unknown) => {
      post({ type: 'error', error: toThreadError(err) });
      building = undefined;
    })
    .catch(() => {});
}

parentPort!.on('message', (request: VectorRequest) => {
  switch (request.type) {
    case 'start': {
      dimensions = request.dimensions;
      embedder = localHashProvider(request.settings).restore(request.state);
      building = vectorStoreBuilder(embedder, request.dimensions, request.capacity);
      queue = Promise.resolve();
      return;
    }
    case 'batch':
      return then(async () => {
        const builder = await building!;
        // Views of the rows, not copies: the graph reads each once.
        const vectors: ArrayLike<number>[] = request.chunks.map((_, i) =>
          request.vectors.subarray(i * dimensions, (i + 1) * dimensions),
        );
        if (request.embed.length > 0) {
          const out = await embedder!.embeddings.embedDocuments(request.embed.map((i) => request.chunks[i]!.text));
          request.embed.forEach((i, j) => (vectors[i] = out[j]!));
        }
        await builder.add(vectors, request.chunks as Chunk[]);
      });
    case 'end':
      return then(
        async () => void (store = (await building!).done()),
        () => post({ type: 'built' }),
      );
    case 'save':
      return then(
        () => saveVectors(store!, request.dir),
        () => post({ type: 'saved' }),
      );
    case 'drop':
      store = undefined;
      embedder = undefined;
      building = undefined;
  }
});
