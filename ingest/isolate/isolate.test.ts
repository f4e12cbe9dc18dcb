import { afterAll, describe, expect, it } from 'vitest';
import { Isolate } from './isolate.js';

const fixture = new URL('./fixture.ts', import.meta.url);
const isolate = new Isolate({ heapMb: 64 });
afterAll(() => isolate.close());

describe('Isolate', () => {
  it('runs a function in a worker and returns its value', async () => {
    expect(await isolate.run(fixture, 'double', [21], 5_000)).toEqual({ ok: true, value: 42 });
  });

  it('turns a thrown error into a reason', async () => {
    expect(await isolate.run(fixture, 'fail', [], 5_000)).toEqual({
      ok: false,
      failure: 'threw',
      reason: 'the document is broken',
    });
  });

  it('stops an endless loop at the time limit while the caller thread keeps running, then works again', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    // 'spin' never returns: the call coming back at all, as a timeout, is what shows the limit worked.
    const result = await isolate.run(fixture, 'spin', [], 400);
    clearInterval(ticker);
    expect(result).toEqual({ ok: false, failure: 'timeout', reason: 'timed out after 0.4 s' });
    expect(ticks).toBeGreaterThan(3);
    expect(await isolate.run(fixture, 'double', [2], 5_000)).toEqual({ ok: true, value: 4 });
  });

  it('stops a call that outgrows its memory budget', async () => {
    const result = await isolate.run(fixture, 'hog', [], 30_000);
    expect(result).toEqual({ ok: false, failure: 'memory', reason: 'needed more than 64 MB of memory' });
    expect(await isolate.run(fixture, 'double', [3], 5_000)).toEqual({ ok: true, value: 6 });
  });

  it("does not count a slow module import against the call's time limit", async () => {
    const own = new Isolate({ heapMb: 64 });
    // The import busies the worker for 0.8 s; the call itself is instant and has 0.3 s.
    expect(await own.run(new URL('./slow-fixture.ts', import.meta.url), 'ready', [], 300)).toEqual({
      ok: true,
      value: 'ready',
    });
    await own.close();
  });

  it("gives up on a worker that never finishes loading, and reports it as a crash (not the document's fault)", async () => {
    const own = new Isolate({ heapMb: 64, loadTimeoutMs: 3_000 });
    const result = await own.run(new URL('./stuck-fixture.ts', import.meta.url), 'never', [], 100);
    expect(result).toEqual({ ok: false, failure: 'crash', reason: 'worker did not start within 3 s' });
    await own.close();
  });

  it('reports a worker that exits', async () => {
    expect(await isolate.run(fixture, 'leave', [], 5_000)).toEqual({
      ok: false,
      failure: 'crash',
      reason: 'stopped unexpectedly (exit code 3)',
    });
  });

  it('drops an idle worker that dies, and starts a fresh one for the next call', async () => {
    const own = new Isolate({ heapMb: 64 });
    expect(await own.run(fixture, 'double', [1], 5_000)).toEqual({ ok: true, value: 2 });
    const idle = (own as unknown as { idle: { terminate(): Promise<number> }[] }).idle;
    expect(idle).toHaveLength(1);
    await idle[0]!.terminate();
    expect(idle).toHaveLength(0);
    expect(await own.run(fixture, 'double', [5], 5_000)).toEqual({ ok: true, value: 10 });
    await own.close();
  });

  it('runs at most maxWorkers calls at once; the others wait their turn', async () => {
    const own = new Isolate({ heapMb: 64, maxWorkers: 2 });
    const shared = new SharedArrayBuffer(8);
    // Each call holds its place 0.15 s: six of them share two workers.
    const results = await Promise.all(
      Array.from({ length: 6 }, () => own.run<number>(fixture, 'overlap', [shared], 5_000)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Int32Array(shared)[1]).toBeLessThanOrEqual(2);
    expect((own as unknown as { idle: unknown[] }).idle.length).toBeLessThanOrEqual(2);
    await own.close();
  });

  it('runs calls side by side', async () => {
    const results = await Promise.all([1, 2, 3].map((x) => isolate.run(fixture, 'double', [x], 5_000)));
    expect(results.map((r) => r.ok && r.value)).toEqual([2, 4, 6]);
  });
});
