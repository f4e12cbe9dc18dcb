import type { Sql } from './sql.js';

/** One step of the schema; applied once, in order, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** Statements in portable SQL (both dialects run the same text). */
  statements: string[];
}

/**
 * The schema's history. Never edit a migration that has shipped: add the next one. Times are
 * milliseconds since 1970 (BIGINT); JSON is kept as TEXT; booleans as 0/1.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, turns and feedback',
    statements: [
      `CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      'CREATE INDEX conversations_recent ON conversations (updated_at DESC, id DESC)',
      `CREATE TABLE turns (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        abstained INTEGER NOT NULL,
        citations TEXT NOT NULL,
        passages TEXT NOT NULL,
        extras TEXT NOT NULL,
        answer_mode TEXT NOT NULL,
        timings TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        superseded_at BIGINT
      )`,
      'CREATE INDEX turns_of_conversation ON turns (conversation_id, position)',
      `CREATE TABLE feedback (
        turn_id TEXT PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
        rating TEXT NOT NULL,
        correction TEXT,
        note TEXT,
        created_at BIGINT NOT NULL
      )`,
      'CREATE INDEX feedback_recent ON feedback (created_at)',
    ],
  },
];

/** A fixed key for PostgreSQL's advisory lock: replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 2_117_021;

/**
 * Bring the schema up to date, in one transaction: a crash part-way leaves the previous version.
 * Returns the versions applied now (none when the schema was current).
 */
export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return sql.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const done = new Set(
      (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known)
      throw new Error(
        `the conversation store's schema is version ${newest}, newer than this build knows (${known}); upgrade docqa`,
      );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
