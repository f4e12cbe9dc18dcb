import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';
import type { Sql } from './sql.js';
import { openSqlite } from './sqlite.js';

let dir: string | undefined;
afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

/** A SQLite database with a table of numbers, counting the transactions begun on it. */
async function numbers(): Promise<{ sql: Sql; transactions: () => number }> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'group-commit-'));
  const inner = openSqlite(dir);
  await inner.run('CREATE TABLE n (value INTEGER PRIMARY KEY)');
  let begun = 0;
  const sql: Sql = { ...inner, transaction: (fn) => (begun++, inner.transaction(fn)) };
  return { sql, transactions: () => begun };
}

const insert = (tx: Sql, value: number) => tx.run('INSERT INTO n (value) VALUES (?)', [value]).then(() => undefined);
const stored = async (sql: Sql) =>
  (await sql.all<{ value: number }>('SELECT value FROM n ORDER BY value')).map((r) => r.value);

describe('GroupCommit', () => {
  it('commits the writes asked for in one turn of the event loop together, resolving each after the commit', async () => {
    const { sql, transactions } = await numbers();
    const writes = new GroupCommit(sql, insert);
    let committed = 0;
    await Promise.all([1, 2, 3].map((v) => writes.add(v).then(() => committed++)));
    expect(committed).toBe(3);
    expect(transactions()).toBe(1);
    expect(await stored(sql)).toEqual([1, 2, 3]);
    await writes.add(4);
    expect(transactions()).toBe(2);
    await sql.close();
  });

  it('fails only the write that fails when they shared a transaction', async () => {
    const { sql } = await numbers();
    const writes = new GroupCommit(sql, insert);
    await writes.add(1);
    // 1 again breaks the primary key: the shared transaction rolls back and each is tried alone.
    const results = await Promise.allSettled([writes.add(2), writes.add(1), writes.add(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(sql)).toEqual([1, 2, 3]);
    await sql.close();
  });

  it('writes what is waiting when settled (before the database closes)', async () => {
    const { sql } = await numbers();
    const writes = new GroupCommit(sql, insert);
    const added = writes.add(7);
    await writes.settle();
    expect(await stored(sql)).toEqual([7]);
    await added;
    await sql.close();
  });
});
