import type { MangoQuerySelector, RxCollection, RxDatabase, RxStorageInstance } from 'rxdb';
import { createRxDatabase, normalizeMangoQuery, prepareQuery } from 'rxdb';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { addRxPlugin } from 'rxdb/plugins/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SQLiteStorageInstance } from '../src/index.js';
import { getRxStorageSQLite } from '../src/index.js';
import type { SaleDoc } from './fixtures.js';
import { sale, saleSchema, temporaryDirectory } from './fixtures.js';

addRxPlugin(RxDBCleanupPlugin);

type Sales = RxCollection<SaleDoc>;

describe('the SQLite storage through the RxDB API', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  let db: RxDatabase<{ sales: Sales }>;

  async function open(): Promise<RxDatabase<{ sales: Sales }>> {
    const opened = await createRxDatabase<{ sales: Sales }>({
      name: 'store',
      storage: getRxStorageSQLite({ directory: dir.path, synchronous: 'NORMAL' }),
      multiInstance: false,
      cleanupPolicy: {
        minimumDeletedTime: 0,
        runEach: 60_000,
        awaitReplicationsInSync: false,
        waitForLeadership: false,
      },
    });
    await opened.addCollections({ sales: { schema: saleSchema } });
    return opened;
  }

  function sqliteInstance(collection: Sales): SQLiteStorageInstance<SaleDoc> {
    const wrapped = collection.storageInstance as RxStorageInstance<SaleDoc, unknown, unknown> & {
      originalStorageInstance: SQLiteStorageInstance<SaleDoc>;
    };
    return wrapped.originalStorageInstance;
  }

  beforeEach(async () => {
    dir = temporaryDirectory();
    db = await open();
  });
  afterEach(async () => {
    if (!db.closed) {
      await db.close();
    }
    dir.remove();
  });

  it('answers an indexed query with sort, skip and limit from a real SQLite index', async () => {
    await db.sales.bulkInsert([
      ...Array.from({ length: 30 }, (_, i) => sale(i, i % 2 ? 'lane-1' : 'lane-2')),
    ]);
    const query = db.sales.find({
      selector: { laneId: 'lane-1' },
      sort: [{ completedAt: 'asc' }],
      skip: 2,
      limit: 5,
    });
    const found = await query.exec();
    expect(found.map((d) => d.id)).toEqual([
      'sale-000005',
      'sale-000007',
      'sale-000009',
      'sale-000011',
      'sale-000013',
    ]);

    const prepared = prepareQuery(
      db.sales.schema.jsonSchema,
      // RxDB adds `_deleted: false` to every collection query before planning it.
      normalizeMangoQuery(db.sales.schema.jsonSchema, {
        selector: { laneId: 'lane-1', _deleted: { $eq: false } } as MangoQuerySelector<SaleDoc>,
        sort: [{ completedAt: 'asc' }],
      }),
    );
    expect(prepared.queryPlan.index).toEqual(['_deleted', 'laneId', 'completedAt', 'id']);
    const plan = sqliteInstance(db.sales).explainQueryPlan(prepared);
    expect(plan.join('\n')).toMatch(/SEARCH .* USING (COVERING )?INDEX "?docs:sales:v0:ix\d/);
    expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE/);
  });

  it('sorts descending and by non-indexed order, and counts', async () => {
    await db.sales.bulkInsert(Array.from({ length: 12 }, (_, i) => sale(i)));
    const desc = await db.sales.find({ sort: [{ totalMinor: 'desc' }], limit: 3 }).exec();
    const all = (await db.sales.find().exec()).map((d) => d.totalMinor).sort((a, b) => b - a);
    expect(desc.map((d) => d.totalMinor)).toEqual(all.slice(0, 3));
    expect(await db.sales.count({ selector: { totalMinor: { $gte: 500 } } }).exec()).toBe(
      all.filter((t) => t >= 500).length,
    );
    expect(await db.sales.count().exec()).toBe(12);
  });

  it('emits changes, keeps deleted documents until cleanup, then purges them', async () => {
    const seen: string[] = [];
    const subscription = db.sales.$.subscribe((event) => seen.push(`${event.operation}:${event.documentId}`));
    const doc = await db.sales.insert(sale(1));
    await doc.remove();
    subscription.unsubscribe();
    expect(seen).toEqual(['INSERT:sale-000001', 'DELETE:sale-000001']);

    const instance = sqliteInstance(db.sales);
    expect(await instance.findDocumentsById(['sale-000001'], true)).toHaveLength(1);
    await db.sales.cleanup(0);
    expect(await instance.findDocumentsById(['sale-000001'], true)).toHaveLength(0);
  });

  it('pages through getChangedDocumentsSince by checkpoint', async () => {
    await db.sales.bulkInsert(Array.from({ length: 7 }, (_, i) => sale(i)));
    const instance = sqliteInstance(db.sales);
    const first = await instance.getChangedDocumentsSince(4);
    const second = await instance.getChangedDocumentsSince(4, first.checkpoint);
    const ids = [...first.documents, ...second.documents].map((d) => d.id).sort();
    expect(ids).toEqual(Array.from({ length: 7 }, (_, i) => sale(i).id));
    expect((await instance.getChangedDocumentsSince(4, second.checkpoint)).documents).toHaveLength(0);
  });

  it('keeps every written sale after close and reopen', async () => {
    await db.sales.bulkInsert(Array.from({ length: 50 }, (_, i) => sale(i)));
    await db.sales.findOne('sale-000003').patch({ totalMinor: 4242 });
    await db.close();
    db = await open();
    expect(await db.sales.count().exec()).toBe(50);
    expect((await db.sales.findOne('sale-000003').exec())?.totalMinor).toBe(4242);
  });

  it('reads the same documents cold (just reopened, nothing cached) as warm', async () => {
    await db.sales.bulkInsert(Array.from({ length: 40 }, (_, i) => sale(i, i % 2 ? 'lane-1' : 'lane-2')));
    await db.sales.find({ selector: { id: { $in: ['sale-000004', 'sale-000007'] } } }).remove();
    const ids = Array.from({ length: 40 }, (_, i) => `sale-${String(i).padStart(6, '0')}`);
    const page = () =>
      db.sales
        .find({ selector: { laneId: 'lane-1' }, sort: [{ completedAt: 'asc' }], skip: 3, limit: 5 })
        .exec();
    const warmPage = (await page()).map((doc) => doc.toJSON());
    const warmById = await sqliteInstance(db.sales).findDocumentsById(ids, true);

    await db.close();
    db = await open();
    // Cold reads come straight from SQLite: the document cache of a freshly opened file is empty, and the
    // page query fills it with only its five documents.
    expect((await page()).map((doc) => doc.toJSON())).toEqual(warmPage);
    const coldById = await sqliteInstance(db.sales).findDocumentsById(ids, false);
    expect(coldById.map((doc) => doc.id).sort()).toEqual(
      ids.filter((id) => id !== 'sale-000004' && id !== 'sale-000007'),
    );
    expect(warmPage.map((doc) => doc.id)).toEqual([
      'sale-000009',
      'sale-000011',
      'sale-000013',
      'sale-000015',
      'sale-000017',
    ]);
    const withDeleted = await sqliteInstance(db.sales).findDocumentsById(ids, true);
    const byId = (docs: typeof withDeleted) => new Map(docs.map((doc) => [doc.id, doc]));
    expect(byId(withDeleted)).toEqual(byId(warmById));
    expect(byId(withDeleted).get('sale-000007')?._deleted).toBe(true);
  });

  it('refuses a stale write with a conflict and keeps the stored revision', async () => {
    const doc = await db.sales.insert(sale(1));
    await doc.incrementalPatch({ totalMinor: 1 });
    const instance = sqliteInstance(db.sales);
    const [stored] = await instance.findDocumentsById(['sale-000001'], false);
    const result = await instance.bulkWrite(
      [{ previous: { ...stored!, _rev: '1-stale' }, document: { ...stored!, totalMinor: 2, _rev: '3-new' } }],
      'test',
    );
    expect(result.error[0]?.status).toBe(409);
    expect((await db.sales.findOne('sale-000001').exec())?.totalMinor).toBe(1);
  });
});
