import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Row, Sql, SqlValue } from './sql.js';

/** How long a statement waits for another process's write before failing (as the 5 s busy timeout did). */
const BUSY_WAIT_MS = 5000;

/** Run `work`, again after a short wait while the database is locked by another connection's write. */
async function whenNotBusy<T>(work: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() - started > BUSY_WAIT_MS) throw err;
      await sleep(delay);
    }
  }
}

/** The database file in the data folder. */
export const SQLITE_FILE = 'docqa.sqlite';

/**
 * SQLite in WAL mode (readers never wait for the writer; several processes may share the file, each
 * waiting up to 5 s for another's write). better-sqlite3 is synchronous, so every statement runs in
 * turn through one queue: a transaction's statements are never interleaved with another request's.
 */
export function openSqlite(dataDir: string): Sql {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE), { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Another process's write (WORKERS > 1: several server processes share the file) is waited for
  // here, asynchronously, not by SQLite's busy handler, which sleeps with the whole event loop held.
  db.pragma('busy_timeout = 0');
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(() => whenNotBusy(work));
    queue = next.catch(() => undefined);
    return next;
  };
  // Statements are prepared once per text: preparing is most of a small statement's cost (every ask stores a turn).
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  };
  const direct: Sql = {
    dialect: 'sqlite',
    all: <T extends Row>(text: string, params: readonly SqlValue[] = []) =>
      Promise.resolve(prepared(text).all(...params) as T[]),
    run: (text, params = []) => Promise.resolve(prepared(text).run(...params).changes),
    transaction: (fn) => fn(direct),
    close: () => Promise.resolve(),
  };
  return {
    dialect: 'sqlite',
    all: (text, params) => serial(() => direct.all(text, params)),
    run: (text, params) => serial(() => direct.run(text, params)),
    transaction: (fn) =>
      serial(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () => serial(() => void db.close()),
  };
}
