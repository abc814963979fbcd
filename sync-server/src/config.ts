import { resolve } from 'node:path';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** PGlite data folder, used when `databaseUrl` is absent. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly adminToken: string | undefined;
}

/** Reads the environment; a bad value fails here with a message naming the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8780 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer 0-65535, got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const adminToken = env.STOREFLOOR_ADMIN_TOKEN?.trim() || undefined;
  if (adminToken && adminToken.length < 16) {
    throw new Error('STOREFLOOR_ADMIN_TOKEN must be at least 16 characters');
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.STOREFLOOR_DATA_DIR?.trim() || './data/sync-server'),
    databaseUrl,
    adminToken,
  };
}
