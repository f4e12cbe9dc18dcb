/**
 * The little SQL the conversation store needs, over SQLite (better-sqlite3) or PostgreSQL (pg) alike.
 * Statements are written once with `?` placeholders; the PostgreSQL side numbers them ($1, $2, …).
 * Only portable SQL is used: INTEGER and BIGINT columns, TEXT holding JSON, `ON CONFLICT` upserts.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** The rows a query returns. */
  all<T extends Row = Row>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Run a statement; resolves to the number of rows it changed. */
  run(text: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Run `fn` in one transaction (SQLite: BEGIN IMMEDIATE, so writers queue rather than fail; PostgreSQL:
   * one pooled connection). Statements inside use `tx`; a throw rolls everything back.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … (the store's statements hold no literal question marks). */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A LIKE pattern matching `text` anywhere, with `!` as the escape for the pattern's own wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
