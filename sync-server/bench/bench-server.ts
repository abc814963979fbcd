import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.js';
import { buildServer } from '../src/server.js';

/** Rate limits far above anything a bench sends. */
export const UNTHROTTLED = {
  enrollPerMinutePerAddress: 1_000_000,
  memberLookupsPerMinutePerDevice: 1_000_000,
  pushesPerMinutePerDevice: 1_000_000,
  pullsPerMinutePerDevice: 1_000_000,
};

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

export interface BenchServer {
  readonly app: FastifyInstance;
  readonly base: string;
  enroll(storeId: string): Promise<{ deviceId: string; storeId: string; token: string }>;
}

/** The real server on a real socket (port 0), as a lane would reach it. */
export async function startBenchServer(db: Database): Promise<BenchServer> {
  // The bench measures the server, not its rate limits: no device is throttled here.
  const app = await buildServer({
    db,
    adminToken: BENCH_ADMIN_TOKEN,
    logger: false,
    rateLimits: UNTHROTTLED,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const admin = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const stores = new Set<string>();
  return {
    app,
    base,
    async enroll(storeId) {
      if (!stores.has(storeId)) {
        await fetch(`${base}/api/admin/stores`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ storeId, name: storeId }),
        });
        stores.add(storeId);
      }
      const code = (await (
        await fetch(`${base}/api/admin/stores/${storeId}/enrollment-codes`, {
          method: 'POST',
          headers: admin,
          body: '{}',
        })
      ).json()) as { code: string };
      const response = await fetch(`${base}/api/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.code }),
      });
      return (await response.json()) as { deviceId: string; storeId: string; token: string };
    },
  };
}
