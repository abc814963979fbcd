import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ensureAdminToken } from './auth/admin-token.js';
import { installAuth } from './auth/auth-plugin.js';
import { tenancyRoutes } from './auth/tenancy-routes.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { installErrorHandler } from './errors/index.js';
import { registerHqPlugins } from './hq-plugins.js';
import { installInputGuards } from './input/input-guards.js';
import { DEFAULT_MAX_JSON_DEPTH } from './input/json-nesting.js';
import { strictBodyValidatorCompiler } from './input/strict-validator.js';
import { SyncMetrics } from './metrics/sync-metrics.js';
import { StreamHub, type StreamHubOptions } from './notify/stream-hub.js';
import { coreCollections } from './replication/core-collections.js';
import { collectionRegistry, type ReplicatedCollection } from './replication/replicated-collection.js';
import {
  DEFAULT_LIMITS,
  type ReplicationLimits,
  replicationRoutes,
} from './replication/replication-routes.js';
import { SqlDocumentStore } from './replication/sql-document-store.js';

export interface BuildServerOptions {
  readonly db: Database;
  /** Collections served; default: every collection of @storefloor/core. */
  readonly collections?: readonly ReplicatedCollection[];
  /** Registered (hashed) as an HQ admin token; without it one is generated at first start. */
  readonly adminToken?: string | undefined;
  readonly limits?: Partial<ReplicationLimits>;
  readonly stream?: StreamHubOptions;
  /** Fastify's logger option: pino options, or false (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Deepest nesting of a JSON body (default 32); deeper is refused before parsing (`nesting-too-deep`). */
  readonly maxJsonDepth?: number;
  /** Close `db` when the app closes (main.ts owns its database; tests often share one). */
  readonly closeDatabase?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when this start generated the HQ admin token: print it once, it is stored hashed only. */
    generatedAdminToken: string | undefined;
    streamHub: StreamHub;
  }
}

/** Builds the sync server (does not listen): migrations, auth, replication, tenancy, HQ plugins, health. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  await migrate(db);
  const generatedAdminToken = await ensureAdminToken(db, options.adminToken);
  const limits: ReplicationLimits = { ...DEFAULT_LIMITS, ...options.limits };

  const app = Fastify({
    logger: options.logger ?? false,
    // The push route raises its own limit; everything else is small JSON.
    bodyLimit: 1024 * 1024,
    // SSE responses stay open; let close() end them instead of waiting.
    forceCloseConnections: true,
  });
  app.decorate('generatedAdminToken', generatedAdminToken);
  installErrorHandler(app);
  app.setValidatorCompiler(strictBodyValidatorCompiler());
  installInputGuards(app, { maxJsonDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH });
  installAuth(app, db);

  const metrics = new SyncMetrics({ defaultMetrics: true });
  const store = new SqlDocumentStore(db);
  const registry = collectionRegistry(options.collections ?? coreCollections());
  const hub = new StreamHub(db, store, metrics, app.log, options.stream);
  await hub.start();
  app.decorate('streamHub', hub);
  app.addHook('preClose', async () => {
    await hub.close();
  });
  app.addHook('onClose', async () => {
    if (options.closeDatabase) await db.close();
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ok', database: db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.kind });
    }
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  await app.register(replicationRoutes, { store, registry, hub, metrics, limits });
  await app.register(tenancyRoutes, { db, hub });
  await registerHqPlugins(app, { db });
  return app;
}
