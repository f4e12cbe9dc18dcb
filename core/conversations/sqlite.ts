import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Row, Sql, SqlValue } from './sql.js';

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
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work);
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
