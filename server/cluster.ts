/**
 * WORKERS > 1: one server process per worker (node:cluster), all answering on one port over the same
 * read-only index. Each worker loads the live generation itself and swaps to a new one when an ingest
 * writes it (the index watcher), so they never disagree for longer than a reload. Only the first
 * worker watches the documents folder and checks it after start; uploads go through whichever worker
 * received them, and the index lock keeps their ingests one at a time.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../core/config.js';

/** How many server processes the configuration asks for. */
export function workerCount(config: Pick<Config, 'WORKERS'>): number {
  return config.WORKERS === 'auto' ? availableParallelism() : config.WORKERS;
}

const WORKER_INDEX = 'DOCQA_WORKER_INDEX';

/** This process's place among the workers: 0 for the first, or when there is no cluster. */
export function workerIndex(): number {
  return cluster.isWorker ? Number(process.env[WORKER_INDEX] ?? 0) : 0;
}

/** Whether this process should fork workers instead of serving. */
export function isPrimaryOf(config: Pick<Config, 'WORKERS'>): boolean {
  return cluster.isPrimary && workerCount(config) > 1;
}

/**
 * Fork `count` workers (the same program and flags), restart any that dies, and stop them all on
 * SIGINT or SIGTERM. Resolves with the port once every worker listens.
 */
export function forkWorkers(count: number): Promise<number> {
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`server worker ${index} stopped (${signal ?? `exit code ${code}`}); starting another`);
      fork(index);
    });
    return worker;
  };
  const stop = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker?.once('exit', () => --left === 0 && process.exit(0));
      worker?.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((resolve, reject) => {
    let listening = 0;
    cluster.on('listening', (_worker, address) => {
      if (++listening === count) resolve(address.port);
    });
    cluster.once('exit', (worker, code) => {
      if (listening < count) reject(new Error(`a server worker stopped before listening (exit code ${code})`));
    });
    for (let i = 0; i < count; i++) fork(i);
  });
}
