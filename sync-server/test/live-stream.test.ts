import type { AddressInfo, Socket } from 'node:net';
import { liveStream, type SyncHttpError } from '@storefloor/sync-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { writeMasterDocuments } from '../src/replication/write-master-documents.js';
import { productDoc, saleDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type Harness, newRow, startHarness } from './support/harness.js';
import { SseTestClient } from './support/sse-client.js';
import { testDatabases } from './support/test-databases.js';

type StreamBatch = { documents: Record<string, unknown>[]; checkpoint: { sequence: number; id: string } };

async function listen(h: Harness): Promise<{ base: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  h.app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`, sockets };
}

describe.each(testDatabases)('live stream over real sockets on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let base: string;
  let sockets: Set<Socket>;

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db);
    ({ base, sockets } = await listen(h));
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('starts with RESYNC, then carries each store only its own transactions and the master data', async () => {
    const deviceA = await h.enroll('live-a');
    const deviceB = await h.enroll('live-b');
    const streamA = new SseTestClient(`${base}/sync/sales/stream`, deviceA.token);
    const streamB = new SseTestClient(`${base}/sync/sales/stream`, deviceB.token);
    const products = new SseTestClient(`${base}/sync/products/stream`, deviceB.token);
    try {
      expect(await streamA.next()).toBe('RESYNC');
      expect(await streamB.next()).toBe('RESYNC');
      expect(await products.next()).toBe('RESYNC');

      const saleOfA = saleDoc(deviceA);
      expect((await h.push(deviceA, 'sales', [newRow(saleOfA)])).body).toEqual([]);
      const batchA = (await streamA.next()) as StreamBatch;
      expect(batchA.documents).toEqual([{ ...saleOfA, _deleted: false }]);
      expect(batchA.checkpoint.id).toBe(saleOfA.id);

      // B's next event must be B's own sale: A's sale was never put on B's stream.
      const saleOfB = saleDoc(deviceB);
      await h.push(deviceB, 'sales', [newRow(saleOfB)]);
      expect(((await streamB.next()) as StreamBatch).documents.map((doc) => doc.id)).toEqual([saleOfB.id]);

      await db.transaction((tx) => writeMasterDocuments(tx, 'products', [productDoc('live-price-change')]));
      expect(((await products.next()) as StreamBatch).documents.map((doc) => doc.id)).toEqual([
        'live-price-change',
      ]);
    } finally {
      streamA.close();
      streamB.close();
      products.close();
    }
  });

  it('sync-client emits RESYNC again after the connection drops and it reconnects', async () => {
    const device = await h.enroll('live-reconnect');
    const events: unknown[] = [];
    let notify: () => void = () => undefined;
    const subscription = liveStream<StreamBatch>(
      { url: base, collection: 'sales', token: device.token, timeoutMs: 5_000, fetch },
      { backoff: { initialMs: 20, maxMs: 100 }, healthyAfterMs: 60_000 },
    ).subscribe((event) => {
      events.push(event);
      notify();
    });
    const waitFor = (count: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${events.length} events`)), 10_000);
        const check = (): void => {
          if (events.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        notify = check;
        check();
      });
    try {
      await waitFor(1);
      expect(events).toEqual(['RESYNC']);
      // Wait until the server has registered the stream, then cut every socket (a network drop).
      await expect.poll(() => h.app.streamHub.openStreamCount).toBeGreaterThan(0);
      for (const socket of sockets) socket.destroy();
      await waitFor(2);
      expect(events[1]).toBe('RESYNC');
      await expect.poll(() => h.app.streamHub.openStreamCount).toBeGreaterThan(0);
      const sale = saleDoc(device);
      await h.push(device, 'sales', [newRow(sale)]);
      await waitFor(3);
      expect((events[2] as StreamBatch).documents.map((doc) => doc.id)).toEqual([sale.id]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('closes the open stream of a device revoked mid-stream, and its reconnect is refused', async () => {
    const device = await h.enroll('live-revoke');
    const stream = new SseTestClient(`${base}/sync/sales/stream`, device.token);
    expect(await stream.next()).toBe('RESYNC');
    const response = await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/devices/${device.deviceId}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    await stream.ended;

    const errors: { error: unknown; willRetry: boolean }[] = [];
    await new Promise<void>((resolve) => {
      const subscription = liveStream(
        { url: base, collection: 'sales', token: device.token, timeoutMs: 5_000, fetch },
        {
          backoff: { initialMs: 10, maxMs: 50 },
          healthyAfterMs: 60_000,
          onError: (error, willRetry) => {
            errors.push({ error, willRetry });
            subscription.unsubscribe();
            resolve();
          },
        },
      ).subscribe();
    });
    expect(errors[0]?.willRetry).toBe(false);
    expect((errors[0]?.error as SyncHttpError | undefined)?.code).toBe('token-revoked');
  });

  it('sends RESYNC again periodically on a quiet stream, so a lost wake-up heals without a reconnect', async () => {
    // A second server on the same database whose streams RESYNC every ~60 ms (injected; default 10 minutes).
    const quick = await startHarness(db, { stream: { resyncEveryMs: 60 } });
    const { base: quickBase } = await listen(quick);
    const device = await quick.enroll('live-periodic');
    const stream = new SseTestClient(`${quickBase}/sync/sales/stream`, device.token);
    try {
      expect(await stream.next()).toBe('RESYNC');
      // Nothing is written: every further event can only be the periodic RESYNC.
      expect(await stream.next()).toBe('RESYNC');
      expect(await stream.next()).toBe('RESYNC');
      // The periodic RESYNC does not stop live changes from arriving.
      const sale = saleDoc(device);
      expect((await quick.push(device, 'sales', [newRow(sale)])).body).toEqual([]);
      let event = await stream.next();
      while (event === 'RESYNC') event = await stream.next();
      expect((event as StreamBatch).documents.map((doc) => doc.id)).toEqual([sale.id]);
    } finally {
      stream.close();
      await quick.close();
    }
  });

  it('a write on one instance reaches a stream held by another instance sharing the database', async () => {
    const [dbOne, dbTwo] = await engine.openPair();
    const one = await startHarness(dbOne);
    const two = await startHarness(dbTwo);
    const { base: baseTwo } = await listen(two);
    try {
      const writer = await one.enroll('shared-store');
      // Same database: the device enrolled through instance one authenticates on instance two.
      const stream = new SseTestClient(`${baseTwo}/sync/sales/stream`, writer.token);
      expect(await stream.next()).toBe('RESYNC');
      const sale = saleDoc(writer);
      expect((await one.push(writer, 'sales', [newRow(sale)])).body).toEqual([]);
      const batch = (await stream.next()) as StreamBatch;
      expect(batch.documents.map((doc) => doc.id)).toEqual([sale.id]);
      stream.close();
    } finally {
      await one.close();
      await two.close();
      await dbTwo.close();
      await dbOne.close();
    }
  });
});
