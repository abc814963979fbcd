import { type StockMovementDoc, type StockOnHand, stockOnHandByProduct } from '@storefloor/core';
import type { Queryable } from '../db/database.js';

export interface StockReport {
  readonly storeId: string;
  readonly products: StockOnHand[];
  /** Products whose ledger mixes pieces and grams: no figure, people must look. */
  readonly problems: { productId?: string; reason: string; detail?: string }[];
}

/**
 * Stock on hand of one store (optionally one product) from its ledger: core's `stockOnHand` takes the last
 * count checkpoint (a `stock_movements` line of kind 'count') and adds every flow the count does not include.
 * Served by the `hq_stock_movements_store_product` index.
 */
export async function stockReport(db: Queryable, storeId: string, productId?: string): Promise<StockReport> {
  const params = [storeId, productId ?? null];
  const filter = `store_id = $1 AND NOT deleted AND ($2::text IS NULL OR data->>'productId' = $2)`;
  const ledger = await db.query<{ data: StockMovementDoc }>(
    `SELECT data FROM documents WHERE collection = 'stock_movements' AND ${filter}`,
    params,
  );
  const products: StockOnHand[] = [];
  const problems: StockReport['problems'] = [];
  for (const result of stockOnHandByProduct(ledger.rows.map((row) => row.data))) {
    if (result.ok) products.push(result.value);
    else
      problems.push(
        result.detail ? { reason: result.reason, detail: result.detail } : { reason: result.reason },
      );
  }
  return { storeId, products, problems };
}
