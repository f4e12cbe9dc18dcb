import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../../core/paths.js';
import type { IsolateCall, IsolateReply } from './worker.js';

/** Why a call gave no value: it threw, ran out of time or memory, or its worker died. */
export type IsolateFailure = 'threw' | 'timeout' | 'memory' | 'crash';
export type Isolated<T> = { ok: true; value: T } | { ok: false; failure: IsolateFailure; reason: string };

export interface IsolateOptions {
  /** Heap a worker may grow to; a call that needs more has its worker killed. */
  heapMb: number;
  /**
   * Time a worker may take to start and import the called module (the first call on a fresh
   * worker pays about a second for tsx and the parsers). Not counted in a call's own time limit.
   */
  loadTimeoutMs?: number;
  /**
   * Calls running at once (so workers alive at once, each up to `heapMb`); more wait their turn.
   * Default: one per core. Unbounded, a handful of decompression bombs uploaded together would
   * each grow a worker to the cap at the same time and multiply the memory used.
   */
  maxWorkers?: number;
}

const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

// Run from the TypeScript sources (vitest, tsx), the worker runs TypeScript like the rest of the
// project: tsx's hooks must be registered before the .ts entry loads (an --import flag is too late for
// a worker's main module), and are found from here so this works whatever started the parent.
// Compiled (dist/, what npm start and the CLIs run), the worker is plain JavaScript and needs no hooks.
const WORKER = JSON.stringify(siblingModule(import.meta.url, './worker').href);
const BOOT = import.meta.url.endsWith('.ts')
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${WORKER}); })`
  : `import(${WORKER})`;

/**
 * Runs exported functions of a module in worker threads, each call within a time and memory
 * budget. A synchronous loop or a decompression bomb in a document converter cannot be
 * interrupted from inside the thread it runs on; here its worker is terminated and the caller gets
 * a reason, while the parent's event loop keeps answering questions. At most `maxWorkers` calls
 * run at once. Idle workers are reused and never keep the process alive.
 */
export class Isolate {
  private readonly idle: Worker[] = [];
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxWorkers: number;

  constructor(private readonly options: IsolateOptions) {
    this.maxWorkers = Math.max(1, options.maxWorkers ?? availableParallelism());
  }

  /**
   * Run `name` from `module` in a worker once one of the `maxWorkers` slots is free. The time limit
   * starts when the call does, not while it waits: waiting says nothing about the document.
   */
  async run<T>(module: URL, name: string, args: unknown[], timeoutMs: number): Promise<Isolated<T>> {
    await this.slot();
    try {
      return await this.runNow<T>(module, name, args, timeoutMs);
    } finally {
      // Hand the slot straight to the next caller, so a newcomer cannot slip in between and exceed the bound.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.maxWorkers) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private runNow<T>(module: URL, name: string, args: unknown[], timeoutMs: number): Promise<Isolated<T>> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    return new Promise((resolve) => {
      const finish = (result: Isolated<T>, reusable: boolean) => {
        clearTimeout(loading);
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) {
          worker.unref();
          this.idle.push(worker);
        } else void worker.terminate();
        resolve(result);
      };
      const onMessage = (reply: IsolateReply) => {
        if ('loaded' in reply) {
          // The call's own budget starts now: a cold worker's start says nothing about the document.
          clearTimeout(loading);
          timer = setTimeout(
            () => finish({ ok: false, failure: 'timeout', reason: `timed out after ${timeoutMs / 1000} s` }, false),
            timeoutMs,
          );
        } else
          finish(
            reply.ok ? { ok: true, value: reply.value as T } : { ok: false, failure: 'threw', reason: reply.message },
            true,
          );
      };
      const onError = (err: Error & { code?: string }) =>
        finish(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { ok: false, failure: 'memory', reason: `needed more than ${this.options.heapMb} MB of memory` }
            : { ok: false, failure: 'crash', reason: `crashed: ${err.message}` },
          false,
        );
      const onExit = (code: number) =>
        finish({ ok: false, failure: 'crash', reason: `stopped unexpectedly (exit code ${code})` }, false);
      const loadMs = this.options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
      const loading = setTimeout(
        () => finish({ ok: false, failure: 'crash', reason: `worker did not start within ${loadMs / 1000} s` }, false),
        loadMs,
      );
      let timer: NodeJS.Timeout | undefined;
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      worker.postMessage({ module: module.href, name, args } satisfies IsolateCall);
    });
  }

  /** Stop the idle workers (a busy one stops when its call ends or times out). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // A call in flight hears of its worker's death through its own listeners; these keep a dead
    // worker out of the idle pool (and a second error event from ever going unheard).
    const forget = () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    };
    worker.on('error', forget).on('exit', forget);
    return worker;
  }
}
