import type { SaleDoc } from '@storefloor/core';
import { Dexie } from 'dexie';
import type { DexieStorageInternals, RxCollection } from 'rxdb';
import { RX_STORAGE_NAME_DEXIE } from 'rxdb/plugins/storage-dexie';

/**
 * One business day's sales read from the Dexie replica in one IndexedDB request (`getAll` on the sales'
 * [_deleted, storeId, businessDay, id] index, RxDB's own index with its deleted flag first), for the
 * dashboard's first paint. RxDB's Dexie storage answers a query with a cursor, one IndexedDB request per
 * document: 850 ms for 10,000 sales in Chromium (bench/dashboard-render.bench.ts), most of the dashboard's
 * first render. The live query still runs and replaces this snapshot when it lands. `undefined` on any
 * other storage (memory in tests), where the query is fast anyway.
 *
 * The rows are RxDB's stored form: `_deleted` is '0' (IndexedDB cannot index booleans) and `_meta`/`_rev`
 * ride along; a sale has no key starting with '|', so nothing else differs from the document. The dashboard
 * reads only the sale's own fields.
 */
export async function daySalesSnapshot(
  collection: RxCollection<SaleDoc>,
  storeId: string,
  businessDay: string,
): Promise<readonly SaleDoc[] | undefined> {
  if (collection.database.storage.name !== RX_STORAGE_NAME_DEXIE) return undefined;
  const { dexieTable } = await (collection.storageInstance.internals as DexieStorageInternals);
  const rows: unknown[] = await dexieTable
    .where('[_deleted+storeId+businessDay+id]')
    .between(['0', storeId, businessDay, Dexie.minKey], ['0', storeId, businessDay, Dexie.maxKey])
    .toArray();
  performance.mark('dashboard-sales:snapshot-read', { detail: { count: rows.length } });
  return rows as SaleDoc[];
}

/** A day's sales snapshot being read, and when it was asked for. */
export interface DaySalesRead {
  readonly storeId: string;
  readonly businessDay: string;
  readonly takenAt: number;
  readonly sales: Promise<readonly SaleDoc[] | undefined>;
}

/** A snapshot older than this is read again rather than painted (the live query follows anyway). */
export const SNAPSHOT_FRESH_MS = 60_000;

/** Starts reading a day's sales; a failed read is `undefined` (the live query alone fills the dashboard). */
export function readDaySales(
  collection: RxCollection<SaleDoc>,
  storeId: string,
  businessDay: string,
  now = Date.now(),
): DaySalesRead {
  performance.mark('dashboard-sales:snapshot');
  return {
    storeId,
    businessDay,
    takenAt: now,
    sales: daySalesSnapshot(collection, storeId, businessDay).catch(() => undefined),
  };
}

/** The prefetched read if it is of this day and fresh, else a new one. */
export function freshDaySales(
  prefetched: DaySalesRead | undefined,
  collection: RxCollection<SaleDoc>,
  storeId: string,
  businessDay: string,
  now = Date.now(),
): DaySalesRead {
  if (
    prefetched &&
    prefetched.storeId === storeId &&
    prefetched.businessDay === businessDay &&
    now - prefetched.takenAt < SNAPSHOT_FRESH_MS
  )
    return prefetched;
  return readDaySales(collection, storeId, businessDay, now);
}
