#!/usr/bin/env -S npx tsx
import { configFromEnv } from './config.js';
import { openDatabase } from './db/open-database.js';
import { buildServer } from './server.js';

/** `storefloor-sync-server`: reads the environment, opens the database, listens. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const db = await openDatabase(config);
  const app = await buildServer({
    db,
    adminToken: config.adminToken,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    closeDatabase: true,
  });
  if (app.generatedAdminToken) {
    // Printed once: only its hash is stored. Set STOREFLOOR_ADMIN_TOKEN to choose your own instead.
    process.stdout.write(`\nHQ admin token (shown once, store it safely): ${app.generatedAdminToken}\n\n`);
  }
  const shutdown = (signal: string): void => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined },
    'storefloor sync server ready',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `storefloor-sync-server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
