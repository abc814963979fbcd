#!/usr/bin/env -S npx tsx
import { configFromEnv } from './config.js';
import { openDatabase } from './db/open-database.js';
import { buildMetricsServer, buildServer } from './server.js';

/** `storefloor-sync-server`: reads the environment, opens the database, listens. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const db = await openDatabase(config);
  const app = await buildServer({
    db,
    adminToken: config.adminToken,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    closeDatabase: true,
    rateLimits: config.rateLimits,
    transport: config.transport,
    tls: config.tls,
    corsOrigins: config.corsOrigins,
    // Metrics on the public listener only behind their token; on their own listener when a port is given.
    metrics: config.metricsListen || !config.metricsToken ? false : { token: config.metricsToken },
    streamTicketTtlSeconds: config.streamTicketTtlSeconds,
  });
  const metricsServer = config.metricsListen
    ? await buildMetricsServer(app.syncMetrics, config.metricsToken)
    : undefined;
  if (app.generatedAdminToken) {
    // Printed once: only its hash is stored. Set STOREFLOOR_ADMIN_TOKEN to choose your own instead.
    process.stdout.write(`\nHQ admin token (shown once, store it safely): ${app.generatedAdminToken}\n\n`);
  }
  const shutdown = (signal: string): void => {
    app.log.info({ signal }, 'shutting down');
    Promise.all([app.close(), metricsServer?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  if (metricsServer && config.metricsListen) await metricsServer.listen(config.metricsListen);
  app.log.info(
    {
      database: db.kind,
      dataDir: db.kind === 'pglite' ? config.dataDir : undefined,
      tls: config.tls !== undefined,
      metrics: config.metricsListen ?? (config.metricsToken ? 'main listener, token' : 'off'),
    },
    'storefloor sync server ready',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `storefloor-sync-server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
