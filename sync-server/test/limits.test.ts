import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { saleDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, newRow, startHarness } from './support/harness.js';

/** Issue 9: rate limits (429 with Retry-After), the per-device stream cap, request and header timeouts. */
describe('rate limits, stream cap and timeouts', () => {
  let db: Database;
  let h: Harness;
  let laneA: EnrolledDevice;
  let laneB: EnrolledDevice;
  let base: string;

  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    h = await startHarness(db, {
      rateLimits: {
        enrollPerMinutePerAddress: 4,
        memberLookupsPerMinutePerDevice: 3,
        pushesPerMinutePerDevice: 2,
        pullsPerMinutePerDevice: 3,
      },
      transport: { maxStreamsPerDevice: 2, requestTimeoutMs: 3_000, headersTimeoutMs: 3_000 },
    });
    laneA = await h.enroll('store-limits');
    laneB = await h.enroll('store-limits');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const expectLimited = (response: {
    statusCode: number;
    headers: Record<string, unknown>;
    json(): unknown;
  }) => {
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('enrollment attempts per address: the fifth within a minute is 429, whatever the code', async () => {
    // Two enrollments already happened in beforeAll from the same address (inject's 127.0.0.1).
    const attempt = (ip: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/enroll',
        remoteAddress: ip,
        payload: { code: 'AAAA-BBBB-CCCC' },
      });
    expect((await attempt('127.0.0.1')).statusCode).toBe(400);
    expect((await attempt('127.0.0.1')).statusCode).toBe(400);
    expectLimited(await attempt('127.0.0.1'));
    // Another address is not throttled by the first one's guessing.
    expect((await attempt('10.0.0.7')).statusCode).toBe(400);
  });

  it('member look-ups per device, counted per device and not per address', async () => {
    const lookup = (device: EnrolledDevice) =>
      h.app.inject({
        method: 'GET',
        url: '/api/members/lookup?card=9999',
        headers: { authorization: `Bearer ${device.token}` },
      });
    for (let i = 0; i < 3; i++) expect((await lookup(laneA)).statusCode).toBe(404);
    expectLimited(await lookup(laneA));
    expect((await lookup(laneB)).statusCode).toBe(404);
  });

  it('pushes and pulls per device; nothing of a throttled push is written', async () => {
    const push = () =>
      h.push(laneA, 'sales', [newRow(saleDoc('store-limits', { deviceId: laneA.deviceId }))]);
    expect((await push()).statusCode).toBe(200);
    expect((await push()).statusCode).toBe(200);
    const third = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${laneA.token}` },
      payload: [newRow(saleDoc('store-limits', { deviceId: laneA.deviceId }))],
    });
    expectLimited(third);
    expect(await h.storedDocuments('sales')).toHaveLength(2);

    const pull = () =>
      h.app.inject({
        method: 'POST',
        url: '/sync/sales/pull',
        headers: { authorization: `Bearer ${laneB.token}` },
        payload: {},
      });
    for (let i = 0; i < 3; i++) expect((await pull()).statusCode).toBe(200);
    expectLimited(await pull());
  });

  it('at most N open streams per device: the next is 429 too-many-streams until one closes', async () => {
    const controllers: AbortController[] = [];
    const open = async (device: EnrolledDevice) => {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(`${base}/sync/products/stream`, {
        headers: { authorization: `Bearer ${device.token}` },
        signal: controller.signal,
      });
      return { response, controller };
    };
    const first = await open(laneA);
    const second = await open(laneA);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await open(laneA);
    expect(third.response.status).toBe(429);
    expect(await third.response.json()).toMatchObject({ error: { code: 'too-many-streams' } });
    expect(third.response.headers.get('retry-after')).toBeTruthy();
    expect((await open(laneB)).response.status).toBe(200);
    first.controller.abort();
    await expect.poll(() => h.app.streamHub.streamsOf(laneA.deviceId)).toBe(1);
    expect((await open(laneA)).response.status).toBe(200);
    for (const controller of controllers) controller.abort();
    await expect.poll(() => h.app.streamHub.openStreamCount).toBe(0);
  });

  it('a body dripped a byte every two seconds is cut off by the request timeout (real socket)', async () => {
    const started = Date.now();
    const outcome = await new Promise<{ response: string; bytesSent: number }>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1');
      let response = '';
      let bytesSent = 0;
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(
          `POST /api/admin/stores HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{`,
        );
        bytesSent = 1;
        timer = setInterval(() => {
          if (socket.writable) {
            socket.write(' ');
            bytesSent++;
          }
        }, 2_000);
      });
      socket.on('data', (chunk) => {
        response += String(chunk);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ response, bytesSent });
      });
      setTimeout(() => reject(new Error('the dripping request was never cut off')), 20_000).unref();
    });
    expect(outcome.bytesSent).toBeLessThan(200);
    // Node answers 408 Request Timeout and closes the socket.
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('headers that never finish are cut off too (slowloris)', async () => {
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1');
      let response = '';
      socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      socket.on('data', (chunk) => {
        response += String(chunk);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(response));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });
});
