export type { DocumentCodec, DocumentFormat } from './document-codec.js';
export { createDocumentCodec, DocumentCodecError, parseDocumentFormat } from './document-codec.js';
export type { SQLiteSynchronousMode } from './shared-database.js';
export type { RxStorageSQLite, SQLiteStorageOptions } from './sqlite-storage.js';
export { getRxStorageSQLite, STORAGE_NAME } from './sqlite-storage.js';
export type { SQLiteInstanceCreationOptions, SQLiteStorageInternals } from './sqlite-storage-instance.js';
export { SQLiteStorageInstance } from './sqlite-storage-instance.js';
export type { SQLiteStorageErrorCode } from './storage-error.js';
export { SQLiteStorageError } from './storage-error.js';
