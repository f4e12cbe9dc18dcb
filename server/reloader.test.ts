import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EngineHolder, type LiveIndex } from './engine-holder.js';
import { IndexReloader } from './reloader.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const live = (generation: string) => ({ generation, manifest: { counts: { chunks: 1 } } }) as unknown as LiveIndex;
const silent = pino({ level: 'silent' });

describe('IndexReloader', () => {
  it('is reloading while a load runs, folds overlapping requests into one follow-up, and keeps the old index on failure', async () => {
    const holder = new EngineHolder();
    const loads: ReturnType<typeof deferred<LiveIndex>>[] = [];
    const reloader = new IndexReloader(
      holder,
      () => {
        const d = deferred<LiveIndex>();
        loads.push(d);
        return d.promise;
      },
      silent,
    );

    const first = reloader.reload();
    expect(reloader.reloading).toBe(true);
    const second = reloader.reload();
    const third = reloader.reload();
    expect(second).toBe(third);
    loads[0]!.resolve(live('g1'));
    await first;
    expect(holder.current?.generation).toBe('g1');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(loads).toHaveLength(2);
    loads[1]!.reject(new Error('broken index'));
    await expect(second).rejects.toThrow('broken index');
    expect(reloader.reloading).toBe(false);
    expect(holder.current?.generation).toBe('g1');
  });

  it('skips the load when the generation the folder names is already live', async () => {
    const holder = new EngineHolder();
    let named = 'g1';
    let loads = 0;
    const reloader = new IndexReloader(
      holder,
      async () => (loads++, live(named)),
      silent,
      undefined,
      async () => named,
    );
    await reloader.reload();
    await reloader.reload(); // e.g. the index watcher, after the ingest's own reload
    expect(loads).toBe(1);
    named = 'g2';
    await reloader.reload();
    expect(loads).toBe(2);
    expect(holder.current?.generation).toBe('g2');
  });
});
