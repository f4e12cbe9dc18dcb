import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running `entry` (a module URL from `siblingModule`). Run from the TypeScript
 * sources (vitest, tsx), tsx's hooks must be registered before the .ts entry loads (an --import flag
 * is too late for a worker's main module); compiled (dist/), the entry is plain JavaScript.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const href = JSON.stringify(entry.href);
  const boot = entry.href.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${href}); })`
    : `import(${href})`;
  return new Worker(boot, { ...options, eval: true });
}

/** An error as it crosses a thread: what the other side needs to rebuild it (AppError code, errno code and path). */
export interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  path?: string;
}

export function toThreadError(err: unknown): ThreadError {
  const e = err as Error & { code?: unknown; path?: unknown };
  if (!(e instanceof Error)) return { name: 'Error', message: String(err) };
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: typeof e.code === 'string' ? e.code : undefined,
    path: typeof e.path === 'string' ? e.path : undefined,
  };
}
