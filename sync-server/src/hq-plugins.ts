import type { FastifyInstance } from 'fastify';
import type { Database } from './db/database.js';
import { importRoutes } from './import/import-routes.js';
import { taxRateRoutes } from './import/tax-rate-routes.js';
import { memberPrivacyRoutes } from './members/member-privacy-routes.js';
import { memberRoutes } from './members/member-routes.js';
import { reportRoutes } from './reports/report-routes.js';
import { storeDayReceiptRoutes } from './reports/store-day-receipt.js';

export interface HqPluginDeps {
  readonly db: Database;
  /** Largest import body in bytes (default 256 MiB). */
  readonly importBodyLimitBytes?: number;
}

/**
 * Registers the HQ data side: imports, member lookup and points, reports. Called by buildServer after auth
 * (`app.requireAdmin`, `app.requireDevice`) and the error handler are installed. Each feature is its own
 * encapsulated plugin: the import plugin's pass-through body parsers apply to its route only.
 */
export async function registerHqPlugins(app: FastifyInstance, deps: HqPluginDeps): Promise<void> {
  const { db } = deps;
  await app.register(importRoutes, {
    db,
    ...(deps.importBodyLimitBytes === undefined ? {} : { bodyLimitBytes: deps.importBodyLimitBytes }),
  });
  await app.register(taxRateRoutes, { db });
  await app.register(memberRoutes, { db });
  await app.register(memberPrivacyRoutes, { db });
  await app.register(reportRoutes, { db });
  await app.register(storeDayReceiptRoutes, { db });
}
