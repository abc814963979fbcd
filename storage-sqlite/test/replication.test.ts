/**
 * The SQLite storage as the client of a real Storefloor replication: RxDB on this storage replicates through
 * @storefloor/sync-client with a real @storefloor/sync-server (PGlite in a temporary folder, real HTTP on an
 * ephemeral port). Master data pulls down, a completed sale pushes up, and after the SQLite file is closed and
 * reopened the replication resumes from the checkpoint it stored in that file.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ProductDoc, SaleDoc } from '@storefloor/core';
import { collections, createIdGenerator, validateDocument } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import type { Database } from '@storefloor/sync-server';
import { buildServer, openPgliteDatabase, writeMasterDocuments } from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRxStorageSQLite } from '../src/index.js';
import { temporaryDirectory } from './fixtures.js';

// Core's sales schema is at version 1 (suspended baskets, coupons): RxDB runs its migration strategies.
addRxPlugin(RxDBMigrationSchemaPlugin);

const ADMIN_TOKEN = 'storage-sqlite-replication-admin-token';
const STORE_ID = 'store-0042';

type LaneCollections = {
  products: RxCollection<ProductDoc>;
  sales: RxCollection<SaleDoc>;
};
type LaneDb = RxDatabase<LaneCollections>;

const nextId = createIdGenerator();

function product(n: number): ProductDoc {
  const doc = {
    id: `prod-${String(n).padStart(4, '0')}`,
    storeId: '*',
    name: `Product ${n}`,
    receiptName: `Product ${n}`,
    gtins: ['4006381333931'],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction: 0,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: 1_763_900_000_000 + n,
  };
  return expectValid('products', doc) as ProductDoc;
}

/** A completed card sale of two lines at 2.50 EUR (tax-inclusive 20 %), in integer minor units. */
function completedSale(deviceId: string): SaleDoc {
  const unitPrice = 250;
  const lineTax = Math.round((unitPrice * 2000) / 12000);
  const lines = [1, 2].map((i) => ({
    id: `l${i}`,
    entry: 'scanned',
    productId: `prod-${String(i).padStart(4, '0')}`,
    description: `Product ${i}`,
    gtin: '4006381333931',
    unit: 'each',
    quantity: 1,
    unitPrice,
    taxClass: 'standard',
    taxRateId: 'vat-20',
    taxRateBps: 2000,
    taxLabel: 'VAT 20%',
    categoryId: 'grocery',
    productGroupId: '',
    ageRestriction: 0,
    voided: false,
    gross: unitPrice,
    discount: 0,
    amount: unitPrice,
    tax: lineTax,
    total: unitPrice,
    adjustments: [],
  }));
  const total = unitPrice * lines.length;
  const tax = lineTax * lines.length;
  return expectValid('sales', {
    id: nextId(),
    storeId: STORE_ID,
    deviceId,
    shiftId: 'shift-1',
    cashierId: 'emp-7',
    kind: 'sale',
    status: 'completed',
    businessDay: '2026-11-23',
    currency: 'EUR',
    taxMode: 'inclusive',
    taxRounding: 'line',
    cashRoundingStep: 1,
    openedAt: 1_763_900_000_000,
    completedAt: 1_763_900_060_000,
    lines,
    manualDiscounts: [],
    promotions: [],
    taxes: [{ taxRateId: 'vat-20', label: 'VAT 20%', rateBps: 2000, base: total - tax, tax }],
    tenders: [{ id: 't1', kind: 'card', amount: total, reference: 'auth-1' }],
    totals: {
      gross: total,
      discount: 0,
      tax,
      total,
      cashRounding: 0,
      due: total,
      paid: total,
      change: 0,
    },
  }) as SaleDoc;
}

function expectValid(collection: 'products' | 'sales', doc: Record<string, unknown>): unknown {
  const result = validateDocument(collection, doc);
  if (!result.ok) {
    throw new Error(`test ${collection} document is invalid: ${result.detail ?? result.reason}`);
  }
  return doc;
}

/** What went over the wire during one replication run, counted from the real HTTP bodies. */
type WireCount = { pulledProducts: number; pulledSales: number; pushedSales: number };

function countingFetch(count: WireCount): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/sync/sales/push') && typeof init?.body === 'string') {
      count.pushedSales += (JSON.parse(init.body) as unknown[]).length;
    }
    const response = await fetch(input, init);
    if (response.ok && url.endsWith('/pull')) {
      const body = (await response.clone().json()) as { documents: unknown[] };
      if (url.endsWith('/sync/products/pull')) count.pulledProducts += body.documents.length;
      if (url.endsWith('/sync/sales/pull')) count.pulledSales += body.documents.length;
    }
    return response;
  };
}

describe('RxDB on SQLite replicating with a real sync server', () => {
  const serverDir = temporaryDirectory();
  const laneDir = temporaryDirectory();
  let serverDb: Database;
  let app: FastifyInstance;
  let baseUrl: string;
  let device: { deviceId: string; storeId: string; token: string };

  async function writeProducts(docs: ProductDoc[]): Promise<void> {
    // The server takes documents as plain JSON records.
    const records: Record<string, unknown>[] = docs.map((doc) => ({ ...doc }));
    await serverDb.transaction((tx) => writeMasterDocuments(tx, 'products', records));
  }

  async function openLane(): Promise<LaneDb> {
    const db = await createRxDatabase<LaneCollections>({
      name: 'lane-1',
      storage: getRxStorageSQLite({ directory: laneDir.path }),
      multiInstance: false,
    });
    await db.addCollections({
      products: { schema: collections.products.schema as unknown as RxJsonSchema<ProductDoc> },
      sales: {
        schema: collections.sales.schema as unknown as RxJsonSchema<SaleDoc>,
        migrationStrategies: collections.sales.migrationStrategies,
      },
    });
    return db;
  }

  /** One sync run (not live): pull master data, push and pull this store's sales, then stop. */
  async function syncOnce(db: LaneDb): Promise<WireCount> {
    const count: WireCount = { pulledProducts: 0, pulledSales: 0, pushedSales: 0 };
    const common = {
      url: baseUrl,
      token: device.token,
      live: false,
      batchSize: 10,
      retryTime: 100,
      waitForLeadership: false,
      fetch: countingFetch(count),
    };
    const runs = [
      replicateStorefloorCollection({ ...common, collection: db.products, pullOnly: true }),
      replicateStorefloorCollection({ ...common, collection: db.sales }),
    ];
    const errors: unknown[] = [];
    for (const run of runs) run.error$.subscribe((error) => errors.push(error));
    await Promise.all(runs.map((run) => run.awaitInitialReplication()));
    await Promise.all(runs.map((run) => run.cancel()));
    expect(errors).toEqual([]);
    return count;
  }

  beforeAll(async () => {
    serverDb = await openPgliteDatabase(join(serverDir.path, 'hq'));
    app = await buildServer({ db: serverDb, adminToken: ADMIN_TOKEN, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const store = await app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers: admin,
      payload: { storeId: STORE_ID, name: 'Store 42' },
    });
    expect(store.statusCode).toBe(201);
    const code = await app.inject({
      method: 'POST',
      url: `/api/admin/stores/${STORE_ID}/enrollment-codes`,
      headers: admin,
      payload: {},
    });
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.json().code },
    });
    expect(enrolled.statusCode).toBe(201);
    device = enrolled.json();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await serverDb?.close();
    serverDir.remove();
    laneDir.remove();
  });

  it('pulls master data, pushes a sale, and resumes from its stored checkpoint after a reopen', async () => {
    const firstProducts = Array.from({ length: 25 }, (_, i) => product(i + 1));
    await writeProducts(firstProducts);

    // First run: everything is new to the lane.
    let lane = await openLane();
    const sale = completedSale(device.deviceId);
    await lane.sales.insert(sale);
    const first = await syncOnce(lane);
    expect(first.pulledProducts).toBe(25);
    expect(first.pushedSales).toBe(1);
    expect((await lane.products.find().exec()).map((doc) => doc.id).sort()).toEqual(
      firstProducts.map((doc) => doc.id),
    );

    const onServer = await serverDb.query<{ id: string; store_id: string; data: SaleDoc }>(
      "SELECT id, store_id, data FROM documents WHERE collection = 'sales'",
    );
    expect(onServer.rows).toHaveLength(1);
    expect(onServer.rows[0]?.id).toBe(sale.id);
    expect(onServer.rows[0]?.store_id).toBe(STORE_ID);
    expect(onServer.rows[0]?.data.totals.total).toBe(500);
    await lane.close();

    // While the lane is closed, HQ adds three products and renames one it already has.
    await writeProducts([
      product(26),
      product(27),
      product(28),
      { ...product(3), name: 'Product 3 (new pack)' },
    ]);

    // Second run on the same SQLite file: only what changed comes down, nothing is pushed again.
    lane = await openLane();
    expect(await lane.products.count().exec()).toBe(25);
    const second = await syncOnce(lane);
    expect(second.pulledProducts).toBe(4);
    expect(second.pushedSales).toBe(0);

    const products = await lane.products.find().exec();
    expect(products).toHaveLength(28);
    expect(new Set(products.map((doc) => doc.id)).size).toBe(28);
    expect((await lane.products.findOne('prod-0003').exec())?.name).toBe('Product 3 (new pack)');
    const laneSales = await lane.sales.find().exec();
    expect(laneSales.map((doc) => doc.id)).toEqual([sale.id]);
    expect(laneSales[0]?.totals.total).toBe(500);
    const salesOnServer = await serverDb.query<{ n: number }>(
      "SELECT COUNT(*)::int AS n FROM documents WHERE collection = 'sales'",
    );
    expect(salesOnServer.rows[0]?.n).toBe(1);

    // Live: a sale completed while replicating goes up, a product HQ adds comes down over the live stream.
    const live = [
      replicateStorefloorCollection({
        url: baseUrl,
        token: device.token,
        collection: lane.products,
        pullOnly: true,
        retryTime: 100,
        waitForLeadership: false,
      }),
      replicateStorefloorCollection({
        url: baseUrl,
        token: device.token,
        collection: lane.sales,
        retryTime: 100,
        waitForLeadership: false,
      }),
    ];
    await Promise.all(live.map((run) => run.awaitInitialReplication()));
    const liveSale = completedSale(device.deviceId);
    await lane.sales.insert(liveSale);
    await writeProducts([product(29)]);
    await vi.waitFor(
      async () => {
        expect(await lane.products.findOne('prod-0029').exec()).not.toBeNull();
        const ids = await serverDb.query<{ id: string }>(
          "SELECT id FROM documents WHERE collection = 'sales' ORDER BY id",
        );
        expect(ids.rows.map((row) => row.id)).toEqual([sale.id, liveSale.id].sort());
      },
      { timeout: 20_000, interval: 100 },
    );
    await Promise.all(live.map((run) => run.cancel()));
    await lane.close();
  }, 60_000);
});
