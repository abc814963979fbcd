/**
 * The one database seam of the sync server. Both engines (embedded PGlite and PostgreSQL through `pg`)
 * speak the same SQL, so every module above this file is written once against `Queryable`.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A transaction's connection; `exec` runs a multi-statement SQL script (migrations). */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

/** A LISTEN subscription; `close()` stops delivery. */
export interface Subscription {
  close(): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`. `onReconnect` fires after the listening connection was lost and re-established,
   * because notifications sent meanwhile are gone and the caller must catch up by checkpoint.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<Subscription>;
  close(): Promise<void>;
}
