import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STALE_MS, withIndexLock } from './lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('withIndexLock', () => {
  it('lets one writer in at a time and releases the lock afterwards', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withIndexLock(dir, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = withIndexLock(dir, async () => void order.push('second in'));
    await new Promise((r) => setTimeout(r, 250));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock left by a process that died', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.once('exit', r));
    await writeFile(path.join(dir, 'LOCK'), `${child.pid}\n`);
    await expect(withIndexLock(dir, async () => 'ran', 1000)).resolves.toBe('ran');
  });

  it('takes over a lock naming a live process when it has not been touched for a while (a reused pid)', async () => {
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      const file = path.join(dir, 'LOCK');
      await writeFile(file, `${unrelated.pid}\n`);
      const old = new Date(Date.now() - STALE_MS - 1000);
      await utimes(file, old, old);
      await expect(withIndexLock(dir, async () => 'ran', 300)).resolves.toBe('ran');
      // This very process, named in a lock it does not hold: a dead writer whose pid came round again.
      await writeFile(file, `${process.pid}\n`);
      await expect(withIndexLock(dir, async () => 'ran', 300)).resolves.toBe('ran');
    } finally {
      unrelated.kill();
    }
  });

  it('gives up with index_busy, naming the live holder, after the wait', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await writeFile(path.join(dir, 'LOCK'), `${holder.pid}\n`);
      await expect(withIndexLock(dir, async () => 'ran', 300)).rejects.toMatchObject({
        code: 'index_busy',
        message: expect.stringContaining(String(holder.pid)),
      });
    } finally {
      holder.kill();
    }
  });
});
