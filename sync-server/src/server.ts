import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { installAdminAudit } from './audit/admin-audit.js';
import { ensureAdminToken } from './auth/admin-token.js';
import { adminTokenRoutes } from './auth/admin-token-routes.js';
import { installAuth } from './auth/auth-plugin.js';
import { sqlDeviceDirectory } from './auth/sql-device-directory.js';
import { streamTicketRoutes } from './auth/stream-ticket-routes.js';
import { tenancyRoutes } from './auth/tenancy-routes.js';
import { redactUrlSecrets } from './auth/tokens.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { installErrorHandler } from './errors/index.js';
import { registerHqPlugins } from './hq-plugins.js';
import { installInputGuards } from './input/input-guards.js';
import { DEFAULT_MAX_JSON_DEPTH } from './input/json-nesting.js';
import { strictBodyValidatorCompiler } from './input/strict-validator.js';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './limits/rate-limits.js';
import { DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from './limits/transport-limits.js';
import { maskPersonalUrl } from './members/personal-url.js';
import { metricsRoute } from './metrics/metrics-route.js';
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
  /** Fastify's logger option: pino options, or false (tests). Secrets are redacted whatever is given. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Requests per minute per device or address (each 429 `rate-limited` with Retry-After). */
  readonly rateLimits?: Partial<RateLimits>;
  /** Request/header timeouts and the per-device stream cap. */
  readonly transport?: Partial<TransportLimits>;
  /** PEM certificate and key: serve HTTPS. Absent: plain HTTP (behind a TLS-terminating load balancer). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Exact origins (`https://backoffice.example.com`) a browser may call from; none by default. */
  readonly corsOrigins?: readonly string[];
  /**
   * `GET /metrics` on this listener: with `token`, scrapers send it as a bearer token; `false`, no metrics
   * route here (serve them on a listener of their own, `buildMetricsServer`). Default: false.
   */
  readonly metrics?: { readonly token: string } | false;
  /** Lifetime of a stream ticket (`POST /api/stream-tickets`), default 60 s. */
  readonly streamTicketTtlSeconds?: number;
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
    syncMetrics: SyncMetrics;
  }
}

/** Builds the sync server (does not listen): migrations, auth, replication, tenancy, HQ plugins, health. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  await migrate(db);
  const generatedAdminToken = await ensureAdminToken(db, options.adminToken);
  const limits: ReplicationLimits = { ...DEFAULT_LIMITS, ...options.limits };

  const transport: TransportLimits = { ...DEFAULT_TRANSPORT_LIMITS, ...options.transport };
  // Node checks request and header deadlines on this interval (default 30 s: a deadline would be late by up to that).
  const serverOptions = {
    headersTimeout: Math.min(transport.headersTimeoutMs, transport.requestTimeoutMs),
    connectionsCheckingInterval: Math.min(1_000, transport.requestTimeoutMs),
  };
  const app = Fastify({
    logger: redactingLogger(options.logger),
    // The push route raises its own limit; everything else is small JSON.
    bodyLimit: 1024 * 1024,
    // SSE responses stay open; let close() end them instead of waiting.
    forceCloseConnections: true,
    requestTimeout: transport.requestTimeoutMs,
    ...(options.tls
      ? { https: { cert: options.tls.cert, key: options.tls.key, ...serverOptions } }
      : { http: serverOptions }),
  } as FastifyServerOptions) as unknown as FastifyInstance;
  app.decorate('generatedAdminToken', generatedAdminToken);
  installErrorHandler(app);
  app.setValidatorCompiler(strictBodyValidatorCompiler());
  installInputGuards(app, { maxJsonDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH });
  installAuth(app, db);
  installAdminAudit(app, db);
  await installRateLimits(app, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  const allowedOrigins = new Set(options.corsOrigins ?? []);
  const allowOrigin = (origin: string): boolean => allowedOrigins.has(origin);
  // An allow-list, never an echo of whatever Origin a page sends.
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowOrigin(origin)),
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });

  const metrics = new SyncMetrics({ defaultMetrics: true });
  const store = new SqlDocumentStore(db);
  const registry = collectionRegistry(options.collections ?? coreCollections());
  const hub = new StreamHub(db, store, metrics, app.log, options.stream);
  await hub.start();
  app.decorate('streamHub', hub);
  app.decorate('syncMetrics', metrics);
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
  if (options.metrics) metricsRoute(app, { metrics, token: options.metrics.token });

  await app.register(replicationRoutes, {
    store,
    registry,
    hub,
    metrics,
    limits,
    maxStreamsPerDevice: transport.maxStreamsPerDevice,
    allowOrigin,
    devices: sqlDeviceDirectory(db),
  });
  await app.register(tenancyRoutes, { db, hub });
  await app.register(adminTokenRoutes, { db });
  await app.register(streamTicketRoutes, {
    db,
    ...(options.streamTicketTtlSeconds === undefined ? {} : { ttlSeconds: options.streamTicketTtlSeconds }),
  });
  await registerHqPlugins(app, { db });
  return app;
}

/**
 * Where a secret or a person's data could reach a log line: headers, query values in the URL, credential and
 * contact fields of bodies. A card or phone number in a URL is masked by the request serializer (maskPersonalUrl).
 */
const REDACTED_PATHS = [
  'req.query.phone',
  'body.phone',
  'body.email',
  '*.phone',
  '*.email',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.query.token',
  'req.query.ticket',
  'body.token',
  'body.code',
  'body.ticket',
  '*.token',
  '*.ticket',
];

/** The logger option with pino redaction and a request serializer whose URL never carries a token or ticket. */
function redactingLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = (logger === true ? {} : logger) as Record<string, unknown> & { serializers?: object };
  return {
    ...base,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: {
      ...base.serializers,
      req: (request: { method: string; url: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: request.method,
        url: maskPersonalUrl(redactUrlSecrets(request.url)),
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  } as FastifyServerOptions['logger'];
}

/** A listener of its own for `GET /metrics` (`STOREFLOOR_METRICS_PORT`), so scrapers never reach the public one. */
export async function buildMetricsServer(
  metrics: SyncMetrics,
  token: string | undefined,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  metricsRoute(app, { metrics, token });
  return app;
}
