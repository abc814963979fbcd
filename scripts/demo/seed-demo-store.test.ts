import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, openPgliteDatabase } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_INS, demoSignIns } from './demo-staff.js';
import { DemoSeedError, type SeedDemoStoreResult, seedDemoStore } from './seed-demo-store.js';

const ADMIN_TOKEN = 'demo-seed-test-admin-token';
let app: FastifyInstance;
let url = '';
let folder = '';
let first: SeedDemoStoreResult;

async function admin<T>(path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'storefloor-demo-seed-'));
  const db = await openPgliteDatabase(join(folder, 'hq'));
  app = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false, closeDatabase: true });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('seedDemoStore against a real HQ (sync-server on PGlite)', () => {
  it('seeds the whole 20,000-product supermarket through the HTTP API', async () => {
    first = await seedDemoStore(url, ADMIN_TOKEN);
    // Printed, not asserted: timing belongs to benchmarks, and the brief asks for the figure.
    console.info(`[demo seed] first run ${first.durationMs} ms: ${JSON.stringify(first.counts)}`);
    expect(first.storeCreated).toBe(true);
    expect(first.counts.products).toEqual({ written: 20_000, alreadyThere: 0 });
    expect(first.counts.prices).toEqual({ written: 20_000, alreadyThere: 0 });
    expect(first.counts.promotions).toEqual({ written: 50, alreadyThere: 0 });
    expect(first.counts.taxRates).toEqual({ written: 7, alreadyThere: 0 });
    expect(first.counts.members).toEqual({ written: 1000, alreadyThere: 0 });
    expect(first.counts.employees).toEqual({ written: 7, alreadyThere: 0 });
    expect(first.counts.openingStock).toEqual({ written: 20_000, alreadyThere: 0 });
    expect(first.counts.openingPoints.written).toBeGreaterThan(900);
  }, 300_000);

  it('HQ then holds the store, its settings, the stock and the points', async () => {
    const store = await admin<{ settingsInForce: Record<string, unknown> }>('/api/admin/stores/store-001');
    expect(store.settingsInForce).toMatchObject({
      currency: 'CNY',
      taxMode: 'inclusive',
      timeZone: 'Asia/Shanghai',
      businessDayStartHour: 4,
    });
    const stock = await admin<{ products: { productId: string }[]; problems: unknown[] }>(
      '/api/admin/reports/stock?storeId=store-001',
    );
    expect(stock.products).toHaveLength(20_000);
    expect(stock.problems).toEqual([]);
    const points = await admin<{ balance: number; entries: number }>(
      '/api/admin/members/mem-store-001-00001/points',
    );
    expect(points.entries).toBe(1);
    // The seed device was revoked: day-end of the store does not wait for it.
    const dayEnd = await admin<{ stores: { devices: { revoked: boolean }[] }[] }>(
      '/api/admin/reports/day-end?businessDay=2026-01-01&storeId=store-001',
    );
    expect(dayEnd.stores[0]?.devices.every((device) => device.revoked)).toBe(true);
  });

  it('a lane of the store signs in against what it pulls: the employees carry hashed PINs only', async () => {
    const code = await fetch(`${url}/api/admin/stores/store-001/enrollment-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const enrolled = await fetch(`${url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: ((await code.json()) as { code: string }).code }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    const pulled = await fetch(`${url}/sync/employees/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 100 }),
    });
    const { documents } = (await pulled.json()) as { documents: { id: string; pinHash: string }[] };
    const manager = documents.find((doc) => doc.id === demoSignIns('store-001').manager.employeeId);
    expect(manager?.pinHash).toMatch(/^\$scrypt\$/);
    expect(JSON.stringify(documents)).not.toContain(`"${DEMO_SIGN_INS.manager.pin}"`);
  });

  it('a second run seeds nothing twice', async () => {
    const again = await seedDemoStore(url, ADMIN_TOKEN);
    console.info(`[demo seed] second run ${again.durationMs} ms`);
    expect(again.storeCreated).toBe(false);
    for (const [kind, count] of Object.entries(again.counts)) {
      expect(count.written, kind).toBe(0);
      expect(count.alreadyThere, kind).toBeGreaterThan(0);
    }
    const stock = await admin<{ products: unknown[] }>('/api/admin/reports/stock?storeId=store-001');
    expect(stock.products).toHaveLength(20_000);
    const points = await admin<{ entries: number }>('/api/admin/members/mem-store-001-00001/points');
    expect(points.entries).toBe(1);
  }, 300_000);

  it('a wrong admin token is refused with a typed error, and an unreachable HQ too', async () => {
    await expect(
      seedDemoStore(url, 'not-the-admin-token-1234', { productCount: 100, memberCount: 5 }),
    ).rejects.toMatchObject({
      code: 'hq-refused',
    });
    await expect(seedDemoStore('http://127.0.0.1:1', ADMIN_TOKEN)).rejects.toBeInstanceOf(DemoSeedError);
  });

  it('a store registered without settings gets the demo settings', async () => {
    const response = await fetch(`${url}/api/admin/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ storeId: 'store-bare', name: 'Bare' }),
    });
    expect(response.status).toBe(201);
    const seeded = await seedDemoStore(url, ADMIN_TOKEN, {
      storeId: 'store-bare',
      productCount: 60,
      memberCount: 3,
    });
    expect(seeded.storeCreated).toBe(false);
    const store = await admin<{ settingsInForce: Record<string, unknown> }>('/api/admin/stores/store-bare');
    expect(store.settingsInForce).toMatchObject({ currency: 'CNY', businessDayStartHour: 4 });
    // The first store keeps its members and staff: ids and cards carry the store.
    const points = await admin<{ entries: number }>('/api/admin/members/mem-store-001-00001/points');
    expect(points.entries).toBe(1);
    expect(seeded.signIns.cashier.employeeId).toBe('emp-store-bare-cashier-01');
  }, 120_000);
});
