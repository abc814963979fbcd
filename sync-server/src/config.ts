import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_STREAM_TICKET_TTL_SECONDS } from './auth/stream-ticket-routes.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './limits/rate-limits.js';
import { DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from './limits/transport-limits.js';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** PGlite data folder, used when `databaseUrl` is absent. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly adminToken: string | undefined;
  /** PEM certificate and key read from `STOREFLOOR_TLS_CERT_FILE` / `STOREFLOOR_TLS_KEY_FILE`. */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  readonly corsOrigins: readonly string[];
  readonly metricsToken: string | undefined;
  /** A listener of its own for `/metrics`; undefined: `/metrics` on the main one, behind `metricsToken`. */
  readonly metricsListen: { readonly port: number; readonly host: string } | undefined;
  readonly rateLimits: RateLimits;
  readonly transport: TransportLimits;
  readonly streamTicketTtlSeconds: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`${name} must be an integer 0-65535, got "${raw}"`);
  }
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim() || undefined;
  if (value && value.length < 16) throw new Error(`${name} must be at least 16 characters`);
  return value;
}

function readPem(env: NodeJS.ProcessEnv, name: string): Buffer {
  const path = env[name]?.trim();
  if (!path) throw new Error(`${name} must be set with the other TLS file`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${name}: cannot read ${path} (${(error as Error).message})`);
  }
}

/** Reads the environment; a bad value fails here with a message naming the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const wantsTls = Boolean(env.STOREFLOOR_TLS_CERT_FILE?.trim() || env.STOREFLOOR_TLS_KEY_FILE?.trim());
  const corsOrigins = (env.STOREFLOOR_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(
        `STOREFLOOR_CORS_ORIGINS: "${origin}" is not an origin like https://backoffice.example.com`,
      );
    }
  }
  const metricsPort = port(env, 'STOREFLOOR_METRICS_PORT', undefined);
  return {
    port: port(env, 'PORT', 8780) as number,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.STOREFLOOR_DATA_DIR?.trim() || './data/sync-server'),
    databaseUrl,
    adminToken: secret(env, 'STOREFLOOR_ADMIN_TOKEN'),
    tls: wantsTls
      ? { cert: readPem(env, 'STOREFLOOR_TLS_CERT_FILE'), key: readPem(env, 'STOREFLOOR_TLS_KEY_FILE') }
      : undefined,
    corsOrigins,
    metricsToken: secret(env, 'STOREFLOOR_METRICS_TOKEN'),
    metricsListen:
      metricsPort === undefined
        ? undefined
        : { port: metricsPort, host: env.STOREFLOOR_METRICS_HOST?.trim() || '127.0.0.1' },
    rateLimits: {
      enrollPerMinutePerAddress: positiveInteger(
        env,
        'STOREFLOOR_RATE_ENROLL_PER_MINUTE',
        DEFAULT_RATE_LIMITS.enrollPerMinutePerAddress,
      ),
      memberLookupsPerMinutePerDevice: positiveInteger(
        env,
        'STOREFLOOR_RATE_MEMBER_LOOKUPS_PER_MINUTE',
        DEFAULT_RATE_LIMITS.memberLookupsPerMinutePerDevice,
      ),
      pushesPerMinutePerDevice: positiveInteger(
        env,
        'STOREFLOOR_RATE_PUSHES_PER_MINUTE',
        DEFAULT_RATE_LIMITS.pushesPerMinutePerDevice,
      ),
      pullsPerMinutePerDevice: positiveInteger(
        env,
        'STOREFLOOR_RATE_PULLS_PER_MINUTE',
        DEFAULT_RATE_LIMITS.pullsPerMinutePerDevice,
      ),
    },
    transport: {
      requestTimeoutMs: positiveInteger(
        env,
        'STOREFLOOR_REQUEST_TIMEOUT_MS',
        DEFAULT_TRANSPORT_LIMITS.requestTimeoutMs,
      ),
      headersTimeoutMs: positiveInteger(
        env,
        'STOREFLOOR_HEADERS_TIMEOUT_MS',
        DEFAULT_TRANSPORT_LIMITS.headersTimeoutMs,
      ),
      maxStreamsPerDevice: positiveInteger(
        env,
        'STOREFLOOR_MAX_STREAMS_PER_DEVICE',
        DEFAULT_TRANSPORT_LIMITS.maxStreamsPerDevice,
      ),
    },
    streamTicketTtlSeconds: positiveInteger(
      env,
      'STOREFLOOR_STREAM_TICKET_TTL_SECONDS',
      DEFAULT_STREAM_TICKET_TTL_SECONDS,
    ),
  };
}
