import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import { createRxDatabase } from 'rxdb';
import type { SQLiteStorageOptions } from '../src/index.js';
import { getRxStorageSQLite } from '../src/index.js';

export type SaleDoc = {
  id: string;
  laneId: string;
  totalMinor: number;
  currency: string;
  completedAt: number;
};

export const saleSchema: RxJsonSchema<SaleDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    laneId: { type: 'string', maxLength: 16 },
    totalMinor: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
    currency: { type: 'string', maxLength: 3 },
    completedAt: { type: 'integer', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'laneId', 'totalMinor', 'currency', 'completedAt'],
  indexes: ['laneId', ['laneId', 'completedAt'], 'totalMinor'],
};

/** One line of a sale, as the crash test's writer stores them three to a sale. */
export type SaleLine = { id: string; saleId: string; amountMinor: number };

export const saleLineSchema: RxJsonSchema<SaleLine> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    saleId: { type: 'string', maxLength: 32 },
    amountMinor: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
  },
  required: ['id', 'saleId', 'amountMinor'],
  indexes: ['saleId'],
};

export function sale(n: number, laneId = 'lane-1'): SaleDoc {
  return {
    id: `sale-${String(n).padStart(6, '0')}`,
    laneId,
    totalMinor: (n * 137) % 10_000,
    currency: 'EUR',
    completedAt: 1_700_000_000_000 + n * 1000,
  };
}

export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'storefloor-sqlite-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type SalesStore = RxDatabase<{ sales: RxCollection<SaleDoc> }>;

/** The RxDB database "store" with a `sales` collection, on this storage; closed again if the collection fails. */
export async function openSalesStore(
  options: SQLiteStorageOptions,
  schema = saleSchema,
): Promise<SalesStore> {
  const db = await createRxDatabase<{ sales: RxCollection<SaleDoc> }>({
    name: 'store',
    storage: getRxStorageSQLite(options),
    multiInstance: false,
  });
  try {
    await db.addCollections({ sales: { schema } });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
