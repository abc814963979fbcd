import { isAbsolute, join, resolve } from 'node:path';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstanceCreationParams } from 'rxdb';
import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import { describeCollectionTable, ensureCollectionTable } from './collection-table.js';
import type { SQLiteDatabaseSettings, SQLiteSynchronousMode } from './shared-database.js';
import { acquireDatabase, releaseDatabase } from './shared-database.js';
import type { SQLiteInstanceCreationOptions, SQLiteStorageInternals } from './sqlite-storage-instance.js';
import { SQLiteStorageInstance } from './sqlite-storage-instance.js';
import { SQLiteStorageError, toStorageError } from './storage-error.js';
import type { TableFormat } from './table-format.js';

export type SQLiteStorageOptions = {
  /** Folder holding one `<databaseName>.sqlite` file per RxDB database; created if missing. */
  directory: string;
  /** Default `FULL`: a resolved write survives power loss. See README "Durability". */
  synchronous?: SQLiteSynchronousMode;
  /** Default 2000 ms. */
  busyTimeoutMs?: number;
  /** Default true. */
  integrityCheckOnOpen?: boolean;
  /** Optional cap on each database file's size; writes beyond it fail with `disk-full`. */
  maxDatabaseSizeBytes?: number;
  /** Parsed documents kept in memory per collection, most recently used first. Default 10 000; 0 disables. */
  documentCacheSize?: number;
};

export type RxStorageSQLite = RxStorage<SQLiteStorageInternals, SQLiteInstanceCreationOptions> & {
  /** The database file RxDB database `databaseName` lives in. */
  databaseFile(databaseName: string): string;
};

export const STORAGE_NAME = 'storefloor-sqlite';

export function getRxStorageSQLite(options: SQLiteStorageOptions): RxStorageSQLite {
  const settings = validateOptions(options);
  const directory = resolve(options.directory);
  const databaseFile = (databaseName: string): string =>
    join(directory, `${fileNameOf(databaseName)}.sqlite`);

  return {
    name: STORAGE_NAME,
    rxdbVersion: RXDB_VERSION,
    databaseFile,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SQLiteInstanceCreationOptions>,
    ): Promise<SQLiteStorageInstance<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const file = databaseFile(params.databaseName);
      const shared = acquireDatabase(file, settings);
      const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>;
      const table = describeCollectionTable(params.collectionName, schema);
      let format: TableFormat;
      try {
        format = ensureCollectionTable(shared.db, file, params.collectionName, schema, table);
      } catch (error) {
        releaseDatabase(shared);
        throw toStorageError(error, file, `opening collection "${params.collectionName}"`);
      }
      return new SQLiteStorageInstance<RxDocType>(
        params.databaseName,
        params.collectionName,
        params.schema,
        params.options,
        shared,
        table,
        format,
      );
    },
  };
}

/** Database names are usually plain tokens; anything else is percent-encoded so it stays one file name. */
function fileNameOf(databaseName: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(databaseName) ? databaseName : encodeURIComponent(databaseName);
}

function validateOptions(options: SQLiteStorageOptions): SQLiteDatabaseSettings {
  const directory = typeof options?.directory === 'string' ? options.directory : '';
  const where = isAbsolute(directory) ? directory : resolve(directory || '.');
  const bad = (message: string) => new SQLiteStorageError('bad-option', where, message);
  if (!directory) {
    throw bad('option "directory" must be a non-empty path');
  }
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw bad(`option "synchronous" must be "FULL" or "NORMAL", got ${String(synchronous)}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw bad('option "busyTimeoutMs" must be a non-negative integer');
  }
  const max = options.maxDatabaseSizeBytes;
  if (max !== undefined && (!Number.isInteger(max) || max <= 0)) {
    throw bad('option "maxDatabaseSizeBytes" must be a positive integer');
  }
  const documentCacheSize = options.documentCacheSize ?? 10_000;
  if (!Number.isInteger(documentCacheSize) || documentCacheSize < 0) {
    throw bad('option "documentCacheSize" must be a non-negative integer');
  }
  return {
    synchronous,
    busyTimeoutMs,
    documentCacheSize,
    integrityCheckOnOpen: options.integrityCheckOnOpen ?? true,
    ...(max === undefined ? {} : { maxDatabaseSizeBytes: max }),
  };
}
