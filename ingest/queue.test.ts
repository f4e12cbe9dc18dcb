import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localHashProvider } from '../core/providers/local-hash.js';
import type { IngestSummary } from './ingest.js';
import { IngestQueue } from './queue.js';
import { watchFolder } from './watch.js';

const summary = (written: boolean) => ({ written }) as IngestSummary;

describe('IngestQueue', () => {
  it('never runs two ingests at once and folds requests made meanwhile into one follow-up', async () => {
    let active = 0;
    let runs = 0;
    let maxActive = 0;
    const afterWrites: number[] = [];
    const queue = new IngestQueue(
      { docsDir: 'd', indexDir: 'i', provider: localHashProvider(), afterWrite: () => void afterWrites.push(runs) },
      async () => {
        active++;
        runs++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 30));
        active--;
        return summary(runs === 1);
      },
    );
    const results = await Promise.all([queue.request(), queue.request(), queue.request(), queue.request()]);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    expect(results.map((r) => r.written)).toEqual([true, false, false, false]);
    expect(afterWrites).toEqual([1]);
    await queue.idle();
  });
});

describe('watchFolder', () => {
  it('debounces a burst of changes into one call and ignores hidden folders', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'watch-unit-'));
    await mkdir(path.join(dir, '.git'));
    let calls = 0;
    const watcher = watchFolder(dir, () => calls++, { debounceMs: 150 });
    try {
      await watcher.ready;
      await writeFile(path.join(dir, '.git', 'index.txt'), 'x');
      await new Promise((r) => setTimeout(r, 400));
      expect(calls).toBe(0);
      for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `f${i}.txt`), `text ${i}`);
      const deadline = Date.now() + 20_000; // a hang guard, not a latency target
      while (calls === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toBe(1);
    } finally {
      await watcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
