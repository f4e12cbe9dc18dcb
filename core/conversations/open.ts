import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import { ConversationStore } from './store.js';

export interface StoreSettings {
  /** The folder for the SQLite file (DATA_DIR). */
  dataDir: string;
  /** A PostgreSQL connection string (DATABASE_URL); when set, SQLite is not used. */
  databaseUrl?: string | undefined;
}

/** The conversation store the settings name: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR; migrated. */
export async function openConversationStore(settings: StoreSettings): Promise<ConversationStore> {
  const sql = settings.databaseUrl ? openPostgres(settings.databaseUrl) : openSqlite(settings.dataDir);
  try {
    return await ConversationStore.open(sql);
  } catch (err) {
    await sql.close().catch(() => undefined);
    const where = settings.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : `DATA_DIR ${settings.dataDir}`;
    throw new Error(`could not open the conversation store (${where}): ${(err as Error).message}`, { cause: err });
  }
}
