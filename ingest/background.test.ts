import os from 'node:os';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, runInBackground } from './background.js';

/** A thread that runs runInBackground(true), then false, and reports its nice value after each. */
async function niceInThread(): Promise<number[]> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const module = JSON.stringify(new URL('./background.ts', import.meta.url).href);
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const os = require('node:os');
     import(${tsx}).then((t) => { t.register(); return import(${module}); }).then((m) => {
       m.runInBackground(true);
       const lowered = os.getPriority(0);
       m.runInBackground(false);
       parentPort.postMessage([lowered, os.getPriority(0)]);
     });`,
    { eval: true },
  );
  const [values] = (await once(worker, 'message')) as [number[]];
  await worker.terminate();
  return values;
}

describe.runIf(process.platform === 'linux')('runInBackground', () => {
  it("lowers an ingest thread's priority below its caller's, and leaves the calling thread's alone", async () => {
    const mine = os.getPriority(0);
    const [lowered] = await niceInThread();
    expect(lowered).toBe(Math.min(19, mine + BACKGROUND_NICE));
    // On the main thread it changes nothing: there it would be the answering thread's.
    runInBackground(true);
    expect(os.getPriority(0)).toBe(mine);
  });
});
