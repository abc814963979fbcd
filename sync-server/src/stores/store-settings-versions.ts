import type { StoreDoc } from '@storefloor/core';
import type { Queryable } from '../db/database.js';

/** Every settings version of a store (its `stores` documents), oldest first. */
export async function storeSettingsVersions(q: Queryable, storeId: string): Promise<StoreDoc[]> {
  const { rows } = await q.query<{ data: StoreDoc }>(
    `SELECT data FROM documents WHERE collection = 'stores' AND store_id = $1 AND NOT deleted`,
    [storeId],
  );
  return rows
    .map((row) => row.data)
    .sort((a, b) => a.validFrom - b.validFrom || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
