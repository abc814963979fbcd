/**
 * Child process of the fan-out benchmark: one sync server instance, so that its memory per open stream is
 * measured apart from the benchmark's 10,000 client sockets. Driven over IPC.
 */
import type { AddressInfo } from 'node:net';
import { writeMasterDocuments } from '../src/replication/write-master-documents.js';
import { buildServer } from '../src/server.js';
import { openBenchDatabase } from './bench-database.js';
import { UNTHROTTLED } from './bench-server.js';

type Command = { type: 'memory' } | { type: 'price-change'; id: string; amount: number } | { type: 'stop' };

const send = (message: unknown): void => {
  process.send?.(message);
};

const bench = await openBenchDatabase(process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite');
const adminToken = 'bench-admin-token-0123456789';
const app = await buildServer({
  db: bench.db,
  adminToken,
  logger: false,
  stream: { heartbeatMs: 15_000 },
  // The bench measures fan-out, not rate limits or the per-device stream cap.
  rateLimits: UNTHROTTLED,
  transport: { maxStreamsPerDevice: 1_000_000 },
});
await app.listen({ port: 0, host: '127.0.0.1' });

// Ten stores of ten devices: the streams are spread over stores like a chain's lanes.
const tokens: string[] = [];
for (let store = 0; store < 10; store++) {
  const storeId = `fan-${store}`;
  await app.inject({
    method: 'POST',
    url: '/api/admin/stores',
    headers: { authorization: `Bearer ${adminToken}` },
    payload: { storeId, name: storeId },
  });
  for (let device = 0; device < 10; device++) {
    const code = await app.inject({
      method: 'POST',
      url: `/api/admin/stores/${storeId}/enrollment-codes`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {},
    });
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.json().code },
    });
    tokens.push(enrolled.json().token);
  }
}

process.on('message', (command: Command) => {
  void (async () => {
    if (command.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'memory', usage: process.memoryUsage(), openStreams: app.streamHub.openStreamCount });
    } else if (command.type === 'price-change') {
      await bench.db.transaction((tx) =>
        writeMasterDocuments(tx, 'prices', [
          {
            id: command.id,
            storeId: '*',
            productId: 'prod-000001',
            currency: 'EUR',
            amount: command.amount,
            validFrom: 1_763_900_000_000,
            createdAt: 1_763_900_000_000,
          },
        ]),
      );
      send({ type: 'price-changed', id: command.id });
    } else if (command.type === 'stop') {
      await app.close();
      await bench.close();
      send({ type: 'stopped' });
      process.exit(0);
    }
  })();
});

send({ type: 'ready', port: (app.server.address() as AddressInfo).port, tokens, database: bench.db.kind });
