import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { CatalogError } from '../errors/index.js';

/** Requests per minute; every figure is configurable (config.ts, `STOREFLOOR_RATE_*`). */
export interface RateLimits {
  /** `POST /api/enroll` per client address: guessing codes must be slow. */
  readonly enrollPerMinutePerAddress: number;
  /** `GET /api/members/lookup` per device: a lane looks members up one at a time. */
  readonly memberLookupsPerMinutePerDevice: number;
  readonly pushesPerMinutePerDevice: number;
  /** Pulls and stream tickets, per device. */
  readonly pullsPerMinutePerDevice: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrollPerMinutePerAddress: 30,
  memberLookupsPerMinutePerDevice: 120,
  pushesPerMinutePerDevice: 600,
  pullsPerMinutePerDevice: 1_200,
};

type Key = 'address' | 'device';

const perDevice = (request: FastifyRequest): string => request.device?.deviceId ?? `ip:${request.ip}`;
const perAddress = (request: FastifyRequest): string => request.ip;

/**
 * Per-route limits with @fastify/rate-limit, each answered 429 `rate-limited` with `Retry-After` (seconds).
 * The limit hooks run in `onRequest` after authentication (auth-plugin.ts moves auth there first), so a
 * device's limit is keyed by its device id, whatever address it comes from, and an unauthenticated request
 * is refused by auth before it counts against anyone.
 * Counters live in this instance's memory: behind a load balancer of N instances the chain-wide figure is up
 * to N times the limit.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  const table = new Map<string, { max: number; key: Key }>([
    ['POST /api/enroll', { max: limits.enrollPerMinutePerAddress, key: 'address' }],
    ['GET /api/members/lookup', { max: limits.memberLookupsPerMinutePerDevice, key: 'device' }],
    ['POST /sync/:collection/push', { max: limits.pushesPerMinutePerDevice, key: 'device' }],
    ['POST /sync/:collection/pull', { max: limits.pullsPerMinutePerDevice, key: 'device' }],
    ['POST /api/stream-tickets', { max: limits.pullsPerMinutePerDevice, key: 'device' }],
  ]);
  // Registered before the plugin's own onRoute hook, which reads `config.rateLimit`.
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      const limit = table.get(`${method} ${route.url}`);
      if (!limit) continue;
      route.config = {
        ...(route.config as object | undefined),
        rateLimit: {
          max: limit.max,
          timeWindow: 60_000,
          keyGenerator: limit.key === 'device' ? perDevice : perAddress,
        },
      } as RouteOptions['config'];
    }
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'onRequest',
    errorResponseBuilder: (_request, context) =>
      new CatalogError('rate-limited', `at most ${context.max} per minute; retry in ${context.after}`),
  });
}
