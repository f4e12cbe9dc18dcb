import pg from 'pg';
import { numberedPlaceholders, type Row, type Sql, type SqlValue } from './sql.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function over(client: Queryable, transaction: Sql['transaction'], close: Sql['close']): Sql {
  return {
    dialect: 'postgres',
    all: async <T extends Row>(text: string, params: readonly SqlValue[] = []) =>
      (await client.query(numberedPlaceholders(text), [...params])).rows as T[],
    run: async (text, params = []) => (await client.query(numberedPlaceholders(text), [...params])).rowCount ?? 0,
    transaction,
    close,
  };
}

/**
 * PostgreSQL through a small pool, so several server replicas can share one store. A transaction
 * holds one pooled connection from BEGIN to COMMIT (or ROLLBACK on a throw).
 */
export function openPostgres(url: string): Sql {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // An idle connection dropped by the server is replaced on the next query; unheard, the event would crash.
  pool.on('error', () => undefined);
  const transaction: Sql['transaction'] = async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tx = over(
        client,
        (inner) => inner(tx),
        () => Promise.resolve(),
      );
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  return over(pool, transaction, () => pool.end());
}
