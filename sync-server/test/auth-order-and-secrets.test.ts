import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { saleDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, newRow, startHarness } from './support/harness.js';

/**
 * Issue 9, "Tokens, limits and transport": authentication before the body, tokens in the header only (the
 * live stream alone takes a single-use ticket or the token in the query), and no secret in any log line.
 */
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Opens a stream by URL only (as an EventSource would) and returns the status and the first bytes. */
async function openStream(url: string): Promise<{ status: number; firstChunk: string }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  let firstChunk = '';
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const { value } = await reader.read();
    firstChunk = new TextDecoder().decode(value);
  } else {
    firstChunk = await response.text();
  }
  controller.abort();
  return { status: response.status, firstChunk };
}

describe('authentication before the body, and secrets kept out of logs', () => {
  let db: Database;
  let h: Harness;
  let device: EnrolledDevice;
  let base: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    });
    h = await startHarness(db, { logger: { level: 'trace', stream } });
    device = await h.enroll('store-auth');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('an unauthenticated 14 MB push is refused after its headers, without the body being sent or parsed', async () => {
    const declared = 14 * 1024 * 1024;
    const answer = await new Promise<{ head: string; bodyBytesSent: number; closed: boolean }>(
      (resolve, reject) => {
        const socket = connect(Number(new URL(base).port), '127.0.0.1');
        let received = '';
        let bodyBytesSent = 0;
        socket.on('connect', () => {
          socket.write(
            `POST /sync/sales/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
          );
          // Only the first kilobyte: a server that waited for (or parsed) the body would never answer.
          socket.write(`[${' '.repeat(1023)}`);
          bodyBytesSent = 1024;
        });
        socket.on('data', (chunk) => {
          received += String(chunk);
        });
        socket.on('close', () => resolve({ head: received, bodyBytesSent, closed: true }));
        socket.on('error', reject);
      },
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.head).toContain('"code":"unauthorized"');
    expect(answer.head.toLowerCase()).toContain('connection: close');
    expect(answer.bodyBytesSent).toBeLessThan(declared);
  });

  it('an unauthenticated client never sees schema error details', async () => {
    for (const headers of [{}, { authorization: 'Bearer sfd_not-a-real-token' }]) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/sync/sales/pull',
        headers,
        payload: { checkpoint: { sequence: 'x' }, batchSize: true, extra: 1 },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: { code: 'unauthorized', message: expect.any(String) },
      });
    }
    const asAdmin = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers: { authorization: 'Bearer wrong-admin-token-000000' },
      payload: { storeId: 42 },
    });
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().error.detail).toBeUndefined();
  });

  it('a token in the query is ignored everywhere but the live stream', async () => {
    for (const [method, url] of [
      ['POST', `/sync/sales/pull?token=${device.token}`],
      ['POST', `/sync/sales/push?token=${device.token}`],
      ['GET', `/api/members/lookup?card=123&token=${device.token}`],
      ['POST', `/api/stream-tickets?token=${device.token}`],
      ['GET', `/api/admin/reports/stock?storeId=x&token=${ADMIN_TOKEN}`],
    ] as const) {
      const response = await h.app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: url.includes('push') ? [] : {} } : {}),
      });
      expect(response.statusCode, url).toBe(401);
    }
    const stream = await openStream(`${base}/sync/sales/stream?token=${device.token}`);
    expect(stream.status).toBe(200);
    expect(stream.firstChunk).toContain('retry:');
  });

  it('a stream ticket opens one stream once; a spent, unknown or expired ticket is refused', async () => {
    const issued = await h.app.inject({
      method: 'POST',
      url: '/api/stream-tickets',
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(issued.statusCode).toBe(201);
    const { ticket, expiresAt } = issued.json() as { ticket: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const first = await openStream(`${base}/sync/sales/stream?ticket=${encodeURIComponent(ticket)}`);
    expect(first.status).toBe(200);
    const replay = await openStream(`${base}/sync/sales/stream?ticket=${encodeURIComponent(ticket)}`);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.firstChunk)).toMatchObject({ error: { code: 'stream-ticket-invalid' } });
    const forged = await openStream(`${base}/sync/sales/stream?ticket=sft_forged`);
    expect(forged.status).toBe(401);

    const late = await h.app.inject({
      method: 'POST',
      url: '/api/stream-tickets',
      headers: { authorization: `Bearer ${device.token}` },
    });
    await db.query(
      "UPDATE stream_tickets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
    );
    const expired = await openStream(
      `${base}/sync/sales/stream?ticket=${encodeURIComponent(late.json().ticket)}`,
    );
    expect(expired.status).toBe(401);
    // A ticket is not a token: it opens nothing else.
    const asToken = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/pull',
      headers: { authorization: `Bearer ${ticket}` },
      payload: {},
    });
    expect(asToken.statusCode).toBe(401);
  });

  it('no token, ticket or enrollment code reaches a log line', async () => {
    const code = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores/store-auth/enrollment-codes',
      headers: admin,
      payload: {},
    });
    const enrollmentCode = code.json().code as string;
    const enrolled = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: enrollmentCode },
    });
    const newToken = enrolled.json().token as string;
    const ticket = (
      await h.app.inject({
        method: 'POST',
        url: '/api/stream-tickets',
        headers: { authorization: `Bearer ${newToken}` },
      })
    ).json().ticket as string;
    await openStream(`${base}/sync/sales/stream?ticket=${encodeURIComponent(ticket)}`);
    await openStream(`${base}/sync/sales/stream?token=${newToken}`);
    await h.app.inject({
      method: 'POST',
      url: `/sync/sales/push?token=${newToken}`,
      headers: { authorization: `Bearer ${newToken}` },
      payload: [newRow(saleDoc('store-auth'))],
    });
    // A failed enrollment logs nothing of the code it was given either.
    await h.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: enrollmentCode } });

    await expect
      .poll(() => logLines.filter((line) => line.includes('/sync/sales/stream')).length)
      .toBeGreaterThan(1);
    const text = logLines.join('\n');
    expect(text).toContain('[Redacted]');
    for (const secret of [ADMIN_TOKEN, device.token, newToken, ticket, enrollmentCode]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    expect(text).not.toContain(enrollmentCode.replace(/-/g, ''));
  });
});
