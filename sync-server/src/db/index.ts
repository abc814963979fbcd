export type { Database, Queryable, Subscription, Transaction } from './database.js';
export type { Migration } from './migrations.js';
export { loadMigrations, MIGRATIONS_DIR, migrate } from './migrations.js';
export { openDatabase } from './open-database.js';
export { openPgliteDatabase } from './pglite-database.js';
export type { PostgresOptions } from './postgres-database.js';
export { openPostgresDatabase } from './postgres-database.js';
