import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite.js';

let dir: string | undefined;
afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

describe('openSqlite with two connections to one file (WORKERS > 1)', () => {
  it('waits for the other connection’s write without holding the event loop', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sqlite-busy-'));
    const a = openSqlite(dir);
    const b = openSqlite(dir);
    await a.run('CREATE TABLE t (n INTEGER)');
    // A holds the write lock across a timer; with SQLite's own busy handler B would sleep with this
    // process's event loop held, A could never commit, and B would fail with SQLITE_BUSY.
    const holding = a.transaction(async (tx) => {
      await tx.run('INSERT INTO t (n) VALUES (1)');
      await sleep(50);
      await tx.run('INSERT INTO t (n) VALUES (2)');
    });
    await sleep(5);
    await b.run('INSERT INTO t (n) VALUES (3)');
    await holding;
    expect((await b.all<{ n: number }>('SELECT n FROM t ORDER BY n')).map((r) => r.n)).toEqual([1, 2, 3]);
    await Promise.all([a.close(), b.close()]);
  });
});
