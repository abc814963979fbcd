import { mkdir } from 'node:fs/promises';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

/** PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` (`memory://` for tests). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgresDatabase(options.databaseUrl);
  if (options.dataDir !== 'memory://') await mkdir(options.dataDir, { recursive: true });
  return openPgliteDatabase(options.dataDir);
}
