import type { RxCollection, RxDatabase } from 'rxdb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSQLite } from '../src/index.js';
import type { SaleDoc } from './fixtures.js';
import { sale, saleSchema, temporaryDirectory } from './fixtures.js';

// Two RxDB databases with one name in one process need `ignoreDuplicate`, which RxDB allows in dev-mode only.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

type Db = RxDatabase<{ sales: RxCollection<SaleDoc> }>;

describe('two RxDB instances over one file in one process', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  const open: Db[] = [];

  async function openStore(): Promise<Db> {
    const db = await createRxDatabase<{ sales: RxCollection<SaleDoc> }>({
      name: 'store',
      storage: wrappedValidateAjvStorage({ storage: getRxStorageSQLite({ directory: dir.path }) }),
      ignoreDuplicate: true,
    });
    await db.addCollections({ sales: { schema: saleSchema } });
    open.push(db);
    return db;
  }

  beforeEach(() => {
    dir = temporaryDirectory();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
    dir.remove();
  });

  it("sees the other instance's writes in queries and in its change stream", async () => {
    const lane = await openStore();
    const backOffice = await openStore();
    const seenByBackOffice = firstValueFrom(
      backOffice.sales.$.pipe(filter((event) => event.documentId === 'sale-000007')),
    );
    await lane.sales.insert(sale(7));
    expect((await seenByBackOffice).operation).toBe('INSERT');
    expect((await backOffice.sales.findOne('sale-000007').exec())?.totalMinor).toBe(sale(7).totalMinor);

    const liveCountReachesThree = firstValueFrom(backOffice.sales.count().$.pipe(filter((n) => n === 3)));
    await lane.sales.bulkInsert([sale(8), sale(9)]);
    expect(await liveCountReachesThree).toBe(3);
  });

  it('keeps the file usable by the remaining instance after one closes', async () => {
    const first = await openStore();
    const second = await openStore();
    await first.sales.insert(sale(1));
    await first.close();
    await second.sales.insert(sale(2));
    expect(await second.sales.count().exec()).toBe(2);
  });
});
