import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bearerToken, hashSecret } from '../auth/tokens.js';
import { replyError } from '../errors/index.js';
import type { SyncMetrics } from './sync-metrics.js';

export interface MetricsRouteOptions {
  readonly metrics: SyncMetrics;
  /** Bearer token a scraper must send; undefined: no token (only on a listener of its own). */
  readonly token: string | undefined;
}

/**
 * `GET /metrics` (Prometheus text). On the public listener it needs its own bearer token
 * (`STOREFLOOR_METRICS_TOKEN`), never a device or admin one; on a separate metrics listener
 * (`STOREFLOOR_METRICS_PORT`, main.ts) the address itself is the boundary and the token is optional.
 */
export function metricsRoute(app: FastifyInstance, { metrics, token }: MetricsRouteOptions): void {
  const expected = token === undefined ? undefined : Buffer.from(hashSecret(token), 'hex');
  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = bearerToken(request.headers.authorization);
      const hash = given === undefined ? undefined : Buffer.from(hashSecret(given), 'hex');
      if (!hash || !timingSafeEqual(hash, expected)) return replyError(reply, 'metrics-token-required');
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
