/**
 * The vector graph built on a second thread: inserting into hnswlib is the largest single cost of an
 * ingest and runs on one core, so it gets a core of its own. Batches go over in chunk order as they
 * are ready (with the local embedder's token path all embedded here; otherwise some left for the
 * helper to embed, as ingest/embed-chunks.ts shares them out), and the helper inserts them in order
 * while the BM25 build goes on here. Same vectors,
 * same construction, same graph as building it here.
 */
import type { Worker } from 'node:worker_threads';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { siblingModule } from '../../core/paths.js';
import type { LocalHashSettings } from '../../core/providers/local-hash.js';
import type { Chunk } from '../../core/types.js';
import { startWorker, type ThreadError } from './boot.js';
import { fromThreadError } from './ingest-thread.js';

export type ChunkMeta = Pick<Chunk, 'id' | 'source' | 'text'>;

export type VectorRequest =
  | { type: 'start'; settings: LocalHashSettings; state: unknown; dimensions: number; capacity: number }
  /**
   * `vectors` holds the batch's vectors one after another, `dimensions` numbers each; the rows listed
   * in `embed` are left empty, for the helper to embed itself.
   */
  | { type: 'batch'; vectors: Float64Array; chunks: ChunkMeta[]; embed: number[] }
  | { type: 'end' }
  | { type: 'save'; dir: string }
  | { type: 'drop' };

export type VectorReply = { type: 'built' } | { type: 'saved' } | { type: 'error'; error: ThreadError };

const ENTRY = siblingModule(import.meta.url, './vector-entry');

/** Below this many new texts a second thread costs more to brief than it saves. */
export const HELPER_MIN_CHUNKS = 1500;

let spare: Worker | undefined;

function reply(worker: Worker, expect: VectorReply['type']): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    const onMessage = (r: VectorReply) => {
      done();
      if (r.type === 'error') reject(fromThreadError(r.error));
      else if (r.type !== expect) reject(new Error(`vector thread: expected ${expect}, got ${r.type}`));
      else resolve();
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the vector thread stopped (exit code ${code})`));
    };
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
  });
}

/** A graph being built on the helper thread, fed in chunk order. */
export class HelperGraph {
  private worker: Worker | undefined;
  private readonly dimensions: number;
  private failed: Promise<void> | undefined;

  constructor(
    private readonly settings: LocalHashSettings,
    private readonly state: unknown,
    private readonly capacity: number,
  ) {
    this.dimensions = settings.dimensions;
  }

  /**
   * The next batch in chunk order: a vector for each chunk (all of the embedder's length), or
   * undefined for the helper to embed the chunk's text itself.
   */
  add(vectors: (ArrayLike<number> | undefined)[], chunks: ChunkMeta[]): void {
    if (vectors.length === 0) return;
    // Doubles, exactly as embedded: the graph may compute from them (sums, scales) before storing float32.
    const flat = this.rows(vectors.length);
    const embed: number[] = [];
    vectors.forEach((v, i) => (v ? flat.set(v, i * this.dimensions) : embed.push(i)));
    this.addRows(flat, chunks, embed);
  }

  /** Zeroed room for `count` vectors of the embedder's length, one after another, to fill and pass to addRows. */
  rows(count: number): Float64Array<ArrayBuffer> {
    return new Float64Array(count * this.settings.dimensions);
  }

  /**
   * The next batch in chunk order as rows of one array (from `rows`, handed over: not to be used
   * after), the rows listed in `embed` left for the helper to embed.
   */
  addRows(flat: Float64Array<ArrayBuffer>, chunks: ChunkMeta[], embed: number[] = []): void {
    if (chunks.length === 0) return;
    if (!this.worker) {
      this.worker = spare ?? startWorker(ENTRY);
      spare = undefined;
      this.worker.ref();
      // An error reply can come at any time; it is reported by finish().
      this.failed = reply(this.worker, 'built');
      this.failed.catch(() => {});
      const { settings, state, dimensions, capacity } = this;
      this.worker.postMessage({ type: 'start', settings, state, dimensions, capacity } satisfies VectorRequest);
    }
    this.worker.postMessage({ type: 'batch', vectors: flat, chunks, embed } satisfies VectorRequest, [flat.buffer]);
  }

  /** Resolves once every batch is in the graph. */
  async finish(): Promise<void> {
    if (!this.worker) throw new Error('no vectors were given to the helper graph');
    this.worker.postMessage({ type: 'end' } satisfies VectorRequest);
    try {
      await this.failed;
    } catch (err) {
      void this.worker.terminate();
      throw err;
    }
  }

  /** What IndexStore.save and the manifest need of an HNSWLib (after finish). */
  get graph(): HNSWLib {
    const handle = {
      index: { getNumDimensions: () => this.dimensions },
      save: async (dir: string) => {
        const worker = this.worker!;
        const saved = reply(worker, 'saved');
        worker.postMessage({ type: 'save', dir } satisfies VectorRequest);
        await saved;
        worker.postMessage({ type: 'drop' } satisfies VectorRequest);
        worker.unref();
        spare ??= worker;
      },
    };
    return handle as unknown as HNSWLib;
  }
}
