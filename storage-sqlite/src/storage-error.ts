import { DocumentCodecError } from './document-codec.js';

/**
 * Stable failure codes of the SQLite storage. Callers branch on `code`, never on the message.
 * RxDB's storage interface rejects promises on failure, so these are thrown, not returned.
 */
export type SQLiteStorageErrorCode =
  | 'database-corrupt'
  | 'database-locked'
  | 'disk-full'
  | 'read-only'
  | 'io-error'
  | 'schema-changed-without-migration'
  | 'attachment-missing'
  | 'bad-option'
  | 'sqlite-error';

export class SQLiteStorageError extends Error {
  override readonly name = 'SQLiteStorageError';

  constructor(
    readonly code: SQLiteStorageErrorCode,
    /** Absolute path of the database file concerned. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (file: ${file})`, options);
  }
}

/** SQLite primary result codes (https://www.sqlite.org/rescode.html) mapped to our stable codes. */
const CODE_BY_SQLITE_PREFIX: ReadonlyArray<[string, SQLiteStorageErrorCode, string]> = [
  ['SQLITE_NOTADB', 'database-corrupt', 'the file is not a SQLite database or its header is damaged'],
  ['SQLITE_CORRUPT', 'database-corrupt', 'the SQLite database file is corrupt'],
  ['SQLITE_BUSY', 'database-locked', 'the database file is locked by another process or connection'],
  ['SQLITE_LOCKED', 'database-locked', 'the database file is locked by another connection'],
  ['SQLITE_FULL', 'disk-full', 'the disk (or the configured size limit) is full; the write was rolled back'],
  ['SQLITE_READONLY', 'read-only', 'the database file is read-only'],
  ['SQLITE_CANTOPEN', 'io-error', 'the database file cannot be opened'],
  ['SQLITE_IOERR', 'io-error', 'an I/O error occurred on the database file'],
  ['SQLITE_PERM', 'read-only', 'no permission to write the database file'],
];

/** Wraps any error thrown by better-sqlite3 so that it names the file and carries a stable code. */
export function toStorageError(error: unknown, file: string, doing: string): SQLiteStorageError {
  if (error instanceof SQLiteStorageError) {
    return error;
  }
  if (error instanceof DocumentCodecError) {
    return new SQLiteStorageError('database-corrupt', file, `${doing}: ${error.message}`, { cause: error });
  }
  const sqliteCode =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const detail = error instanceof Error ? error.message : String(error);
  for (const [prefix, code, explanation] of CODE_BY_SQLITE_PREFIX) {
    if (sqliteCode.startsWith(prefix)) {
      return new SQLiteStorageError(code, file, `${doing}: ${explanation} [${sqliteCode}: ${detail}]`, {
        cause: error,
      });
    }
  }
  return new SQLiteStorageError('sqlite-error', file, `${doing}: ${detail}`, { cause: error });
}
