import { addRxPlugin, createRxDatabase, type RxCollectionCreator } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids/id-generator.js';
import { indexPromotions } from '../pricing/index.js';
import { expectOk } from '../result.js';
import { addManualLine, addTender, completeSale, openSale } from '../sale/index.js';
import { openShift, recordCashMovement } from '../shift/index.js';
import { type CollectionName, type CollectionSpec, collectionNames, collections } from './collections.js';
import { validDocuments, validVariants } from './fixtures.test-support.js';
import { storesV0, storeV0Document } from './stores-v0.test-support.js';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

const creators = (registry: Readonly<Record<string, CollectionSpec>>, names: readonly string[]) =>
  Object.fromEntries(
    names.map((name) => [
      name,
      {
        schema: structuredClone(registry[name]!.schema),
        migrationStrategies: registry[name]!.migrationStrategies,
      },
    ]),
  ) as Record<string, RxCollectionCreator>;

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

async function database(name: string) {
  const db = await createRxDatabase({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    ignoreDuplicate: true,
  });
  open.push(db);
  return db;
}

const T0 = 1_763_900_000_000;

/** A valid document for every collection: the fixtures, plus the transactions only the domain builds. */
function oneDocumentPerCollection(): Record<CollectionName, object> {
  const nextId = createIdGenerator({ now: () => T0 });
  const base = { storeId: 'store-0042', deviceId: 'lane-1', businessDay: '2025-11-23', currency: 'EUR' };
  const shift = expectOk(
    openShift({ ...base, id: nextId(), cashierId: 'emp-7', openingFloat: 15_000, openedAt: T0 }),
  );
  const cashMovement = expectOk(
    recordCashMovement(shift, {
      id: nextId(),
      kind: 'paid-in',
      amount: 2000,
      reason: 'Change',
      employeeId: 'sup-1',
      createdAt: T0,
    }),
  );
  let sale = expectOk(
    openSale({
      ...base,
      id: nextId(),
      shiftId: shift.id,
      cashierId: 'emp-7',
      taxMode: 'inclusive',
      taxRounding: 'line',
      openedAt: T0,
    }),
  );
  sale = expectOk(
    addManualLine(
      sale,
      {
        lineId: 'l1',
        description: 'Bouquet',
        unitPrice: 995,
        taxRate: validDocuments.tax_rates,
        approvedBy: 'sup-1',
      },
      { promotions: indexPromotions([]), instant: T0, weekday: 7, minuteOfDay: 780 },
    ),
  );
  sale = expectOk(addTender(sale, { id: 't1', kind: 'cash', amount: 2000 }));
  return {
    ...validDocuments,
    sales: expectOk(completeSale(sale, T0 + 60_000)),
    shifts: shift,
    cash_movements: cashMovement,
  };
}

/** The registry, handed as-is to a real RxDB database with dev-mode checks and RxDB's own ajv validation. */
describe('registry in a real RxDB database', () => {
  // Open-source RxDB lets one process hold at most 13 open collections (COL23 beyond that); a lane or the
  // edge agent opens every replicated collection in one database, so this test does exactly that.
  it('opens every collection in one database and stores a document in each', async () => {
    const db = await database(`registry-all-${Date.now()}`);
    await db.addCollections(creators(collections, collectionNames));
    expect(Object.keys(db.collections).sort()).toEqual([...collectionNames].sort());
    const documents = oneDocumentPerCollection();
    for (const name of collectionNames) {
      const doc = structuredClone(documents[name]);
      const stored = await db.collections[name]!.insert(doc);
      expect(stored.toJSON(), name).toMatchObject(doc);
    }
    // The other kinds of the ledgers that hold several share their collection.
    const { stockCount, ...loyalty } = validVariants;
    await db.collections.stock_movements!.insert(structuredClone(stockCount));
    for (const entry of Object.values(loyalty))
      await db.collections.loyalty_entries!.insert(structuredClone(entry));
    const counts = await db.collections.stock_movements!.find({ selector: { kind: 'count' } }).exec();
    expect(counts.map((d) => d.id)).toEqual([stockCount.id]);
    const byMember = await db.collections
      .loyalty_entries!.find({ selector: { memberId: 'mem-1001' } })
      .exec();
    expect(byMember).toHaveLength(1 + Object.keys(loyalty).length);

    // RxDB's own validation applies the kind-specific rules too.
    await expect(
      db.collections.stock_movements!.insert({
        ...validDocuments.stock_movements,
        id: 'other',
        quantity: 1.5,
      }),
    ).rejects.toThrow();
    await expect(
      db.collections.stock_movements!.insert({
        ...validDocuments.stock_movements,
        id: '019aa5e0-5f3a-7000-8000-0000000000f1',
        includes: [],
      }),
    ).rejects.toThrow();
    const { reversesId: _r, ...reversalWithoutTarget } = validVariants.couponReversed;
    await expect(
      db.collections.loyalty_entries!.insert({
        ...reversalWithoutTarget,
        id: '019aa5e0-5f3a-7000-8000-0000000000f2',
      }),
    ).rejects.toThrow();
  });

  it('runs the stores migration strategy when version 1 opens version-0 data', async () => {
    const name = `migration-${Date.now()}`;
    const v0 = await database(name);
    await v0.addCollections(creators({ stores: storesV0 }, ['stores']));
    await v0.collections.stores!.insert(structuredClone(storeV0Document));
    await v0.close();
    open.splice(0);

    const v1 = await database(name);
    await v1.addCollections(creators(collections, ['stores']));
    const migrated = await v1.collections.stores!.findOne(storeV0Document.id).exec();
    expect(migrated?.toJSON()).toMatchObject({
      id: storeV0Document.id,
      storeId: storeV0Document.storeId,
      taxMode: 'inclusive',
      languages: ['de-CH'],
      validFrom: 0,
      createdAt: storeV0Document.updatedAt,
    });
    expect(migrated?.toJSON()).not.toHaveProperty('pricesIncludeTax');
  });
});
