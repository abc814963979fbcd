import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EventBulk, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb';
import { Subject } from 'rxjs';
import { DocumentCache } from './document-cache.js';
import { SQLiteStorageError, toStorageError } from './storage-error.js';

/**
 * `FULL` fsyncs the write-ahead log on every commit: a resolved write survives a power cut.
 * `NORMAL` (with WAL) writes the log to the OS on every commit but fsyncs only at checkpoints: a resolved
 * write survives `kill -9` of this process but the newest commits may be lost on power loss or kernel panic.
 * The database is never corrupted in either mode (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
export type SQLiteSynchronousMode = 'FULL' | 'NORMAL';

export type SQLiteDatabaseSettings = {
  synchronous: SQLiteSynchronousMode;
  /** How long to wait for a lock held by someone else before failing with `database-locked`. */
  busyTimeoutMs: number;
  /** Run `PRAGMA quick_check` when the file is first opened, so a damaged file fails loudly at start. */
  integrityCheckOnOpen: boolean;
  /** Hard cap on the file size; writes beyond it fail with `disk-full` and are rolled back. */
  maxDatabaseSizeBytes?: number;
  /** Parsed documents kept in memory per collection table (see document-cache.ts). */
  documentCacheSize: number;
};

export type ChangeEventBulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

/**
 * One open connection per database file in this process. Every RxDB instance that opens the same file
 * shares it, and with it the change streams of each table, so two RxDB databases over one file in one
 * process see each other's writes. The file is held with an exclusive lock, so a second process gets a
 * `database-locked` error instead of silently missing change events.
 */
export type SharedDatabase = {
  readonly file: string;
  readonly db: Database.Database;
  refCount: number;
  readonly changesByTable: Map<string, Subject<ChangeEventBulk>>;
  readonly cachesByTable: Map<string, DocumentCache<unknown>>;
  readonly documentCacheSize: number;
};

const OPEN_DATABASES = new Map<string, SharedDatabase>();

export const COLLECTIONS_TABLE = 'storefloor_collections';

export function acquireDatabase(file: string, settings: SQLiteDatabaseSettings): SharedDatabase {
  const existing = OPEN_DATABASES.get(file);
  if (existing) {
    existing.refCount++;
    return existing;
  }
  const db = openDatabaseFile(file, settings);
  const shared: SharedDatabase = {
    file,
    db,
    refCount: 1,
    changesByTable: new Map(),
    cachesByTable: new Map(),
    documentCacheSize: settings.documentCacheSize,
  };
  OPEN_DATABASES.set(file, shared);
  return shared;
}

export function releaseDatabase(shared: SharedDatabase): void {
  shared.refCount--;
  if (shared.refCount > 0) {
    return;
  }
  OPEN_DATABASES.delete(shared.file);
  for (const changes of shared.changesByTable.values()) {
    changes.complete();
  }
  try {
    shared.db.close();
  } catch (error) {
    throw toStorageError(error, shared.file, 'closing the database');
  }
}

export function changesOf(shared: SharedDatabase, table: string): Subject<ChangeEventBulk> {
  let changes = shared.changesByTable.get(table);
  if (!changes) {
    changes = new Subject();
    shared.changesByTable.set(table, changes);
  }
  return changes;
}

export function documentCacheOf<Doc>(shared: SharedDatabase, table: string): DocumentCache<Doc> {
  let cache = shared.cachesByTable.get(table);
  if (!cache) {
    cache = new DocumentCache(shared.documentCacheSize);
    shared.cachesByTable.set(table, cache);
  }
  return cache as DocumentCache<Doc>;
}

function openDatabaseFile(file: string, settings: SQLiteDatabaseSettings): Database.Database {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new SQLiteStorageError('io-error', file, 'cannot create the directory of the database file', {
      cause: error,
    });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: settings.busyTimeoutMs });
    // Exclusive locking must be set before the first WAL access so SQLite keeps the WAL index in
    // heap memory and holds the file lock for the connection's lifetime (https://www.sqlite.org/wal.html#noshm).
    db.pragma('locking_mode = EXCLUSIVE');
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new SQLiteStorageError('sqlite-error', file, `could not switch to WAL mode (got ${journalMode})`);
    }
    db.pragma(`synchronous = ${settings.synchronous}`);
    if (settings.maxDatabaseSizeBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(settings.maxDatabaseSizeBytes / pageSize))}`);
    }
    if (settings.integrityCheckOnOpen) {
      const verdict = db.pragma('quick_check(1)', { simple: true });
      if (verdict !== 'ok') {
        throw new SQLiteStorageError('database-corrupt', file, `integrity check failed: ${String(verdict)}`);
      }
    }
    // The first write takes the exclusive lock that keeps other processes out.
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${COLLECTIONS_TABLE} (
        table_name TEXT PRIMARY KEY NOT NULL,
        collection_name TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        layout_json TEXT NOT NULL,
        schema_json TEXT NOT NULL,
        table_format TEXT
      )`,
    );
    // Files written before table formats were recorded lack the column; NULL stands for their format.
    const columns = db.pragma(`table_info(${COLLECTIONS_TABLE})`) as { name: string }[];
    if (!columns.some((column) => column.name === 'table_format')) {
      db.exec(`ALTER TABLE ${COLLECTIONS_TABLE} ADD COLUMN table_format TEXT`);
    }
    return db;
  } catch (error) {
    db?.close();
    throw toStorageError(error, file, 'opening the database');
  }
}
