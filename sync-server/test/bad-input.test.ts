import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { saleDoc } from './support/fixtures.js';
import {
  ADMIN_TOKEN,
  type EnrolledDevice,
  type Harness,
  METRICS_TOKEN,
  newRow,
  startHarness,
} from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe.each(testDatabases)('bad input on $name: a 4xx with a stable code, nothing written', (engine) => {
  let db: Database;
  let h: Harness;
  let device: EnrolledDevice;
  const documentCount = async (): Promise<number> => {
    const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM documents');
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    db = await engine.open();
    // A small push limit so that "over the limit" stays cheap to build.
    h = await startHarness(db, { limits: { maxBatchSize: 5, maxPushBodyBytes: 64 * 1024 } });
    device = await h.enroll('store-bad');
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const expectRefused = async (
    response: { statusCode: number; json(): unknown },
    statusCode: number,
    code: string,
  ): Promise<void> => {
    expect(response.statusCode).toBe(statusCode);
    expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(await documentCount()).toBe(0);
  };

  it('malformed JSON → 400 malformed-json', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      payload: '[{"newDocumentState": {"id": ',
    });
    await expectRefused(response, 400, 'malformed-json');
  });

  it('a push that is not an array of rows → 400 invalid-request', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { newDocumentState: saleDoc('store-bad') },
    });
    await expectRefused(response, 400, 'invalid-request');
  });

  it('a schema-invalid document (float money) → 422 invalid-document, its valid neighbour not written', async () => {
    const good = saleDoc('store-bad');
    const bad = {
      ...saleDoc('store-bad'),
      totals: { ...(saleDoc('store-bad').totals as object), total: 12.5 },
    };
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: [newRow(good), newRow(bad)],
    });
    await expectRefused(response, 422, 'invalid-document');
    expect((response.json() as { error: { detail: string } }).error.detail).toContain('row 1');
  });

  it('more rows than the batch limit → 413 batch-too-large', async () => {
    const rows = Array.from({ length: 6 }, () => newRow(saleDoc('store-bad')));
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: rows,
    });
    await expectRefused(response, 413, 'batch-too-large');
  });

  it('a pull batchSize over the limit → 413 batch-too-large', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/pull',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { checkpoint: null, batchSize: 6 },
    });
    await expectRefused(response, 413, 'batch-too-large');
  });

  it('a body over the size limit → 413 body-too-large', async () => {
    const rows = [newRow({ ...saleDoc('store-bad'), padding: 'x'.repeat(70 * 1024) })];
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: rows,
    });
    await expectRefused(response, 413, 'body-too-large');
  });

  it('the same document twice in one push → 422 duplicate-document', async () => {
    const sale = saleDoc('store-bad');
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: [newRow(sale), newRow(sale)],
    });
    await expectRefused(response, 422, 'duplicate-document');
  });

  it('an unknown collection → 404 unknown-collection', async () => {
    for (const action of ['pull', 'push'] as const) {
      const response = await h.app.inject({
        method: 'POST',
        url: `/sync/lottery_tickets/${action}`,
        headers: { authorization: `Bearer ${device.token}` },
        payload: action === 'pull' ? {} : [],
      });
      await expectRefused(response, 404, 'unknown-collection');
    }
  });

  it('a checkpoint from the future → 400 checkpoint-from-future; a malformed one → 400 invalid-request', async () => {
    const future = await h.pull(device, 'products', {
      checkpoint: { sequence: 10_000_000, id: '' },
      batchSize: 5,
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toMatchObject({ error: { code: 'checkpoint-from-future' } });
    const malformed = await h.pull(device, 'products', { checkpoint: { seq: 'x' }, batchSize: 5 });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('no token → 401 unauthorized; an admin token on a device route → 401; a device token on an admin route → 403', async () => {
    const none = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      payload: [newRow(saleDoc('store-bad'))],
    });
    await expectRefused(none, 401, 'unauthorized');
    const adminAsDevice = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: admin,
      payload: [newRow(saleDoc('store-bad'))],
    });
    await expectRefused(adminAsDevice, 401, 'unauthorized');
    const deviceAsAdmin = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { storeId: 'sneaky', name: 'Sneaky' },
    });
    expect(deviceAsAdmin.statusCode).toBe(403);
    expect(deviceAsAdmin.json()).toMatchObject({ error: { code: 'admin-required' } });
    const { rows } = await db.query("SELECT 1 FROM stores WHERE store_id = 'sneaky'");
    expect(rows).toEqual([]);
  });

  it('an enrollment code works once, then → 400 enrollment-code-used; an unknown one → enrollment-code-invalid', async () => {
    const { code } = (
      await h.app.inject({
        method: 'POST',
        url: '/api/admin/stores/store-bad/enrollment-codes',
        headers: admin,
        payload: {},
      })
    ).json() as { code: string };
    const first = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.toLowerCase() },
    });
    expect(first.statusCode).toBe(201);
    const devicesBefore = await db.query('SELECT device_id FROM devices');
    const second = await h.app.inject({ method: 'POST', url: '/api/enroll', payload: { code } });
    expect(second.statusCode).toBe(400);
    expect(second.json()).toMatchObject({ error: { code: 'enrollment-code-used' } });
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: 'AAAA-BBBB-CCCC' },
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'enrollment-code-invalid' } });
    expect((await db.query('SELECT device_id FROM devices')).rows).toHaveLength(devicesBefore.rows.length);
  });

  it('an expired enrollment code → 400 enrollment-code-expired, no device created', async () => {
    const { code } = (
      await h.app.inject({
        method: 'POST',
        url: '/api/admin/stores/store-bad/enrollment-codes',
        headers: admin,
        payload: { ttlSeconds: 60 },
      })
    ).json() as { code: string };
    // Age the code instead of sleeping: the server compares with its own clock.
    await db.query(
      "UPDATE enrollment_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
    );
    const devicesBefore = (await db.query('SELECT device_id FROM devices')).rows.length;
    const response = await h.app.inject({ method: 'POST', url: '/api/enroll', payload: { code } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'enrollment-code-expired' } });
    expect((await db.query('SELECT device_id FROM devices')).rows).toHaveLength(devicesBefore);
  });

  it('an enrollment code for an unknown store → 404 unknown-store; a duplicate store → 409 store-exists', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores/nowhere/enrollment-codes',
      headers: admin,
      payload: {},
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'unknown-store' } });
    const duplicate = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers: admin,
      payload: { storeId: 'store-bad', name: 'Again' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { code: 'store-exists' } });
  });

  it('a revoked device → 401 token-revoked on its next request', async () => {
    const victim = await h.enroll('store-bad');
    const revoke = await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/devices/${victim.deviceId}`,
      headers: admin,
    });
    expect(revoke.statusCode).toBe(200);
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/sales/push',
      headers: { authorization: `Bearer ${victim.token}` },
      payload: [newRow(saleDoc('store-bad'))],
    });
    await expectRefused(response, 401, 'token-revoked');
    const unknown = await h.app.inject({
      method: 'DELETE',
      url: '/api/admin/devices/dev_nobody',
      headers: admin,
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown-device' } });
  });

  it('healthz names the database; metrics count pushes and conflicts', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', database: engine.name });
    const metrics = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.body).toContain(
      'storefloor_sync_pushes_total{collection="sales",outcome="invalid-document"} 1',
    );
    expect(metrics.body).toContain('storefloor_sync_open_streams 0');
  });
});
