import type { Queryable } from '../db/database.js';
import type { ReportRange } from './sales-report.js';

export interface ProductSalesRow {
  storeId: string;
  businessDay: string;
  currency: string;
  productId: string;
  kind: 'sale' | 'return';
  /** Units for products sold by the piece; weighed lines count 1 each, see `weightGrams`. */
  quantity: number;
  weightGrams: number;
  gross: number;
  discount: number;
  tax: number;
  total: number;
}

/**
 * Per store, business day and product: sold and returned quantities and amounts from the non-voided lines of
 * completed documents. The (store, business day) index narrows the documents; their lines are unnested.
 */
export async function productSalesReport(db: Queryable, range: ReportRange): Promise<ProductSalesRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT store_id, data->>'businessDay' AS day, data->>'currency' AS currency, data->>'kind' AS kind,
            l->>'productId' AS product_id,
            sum((l->>'quantity')::bigint) AS quantity, coalesce(sum((l->>'weightGrams')::bigint), 0) AS weight_grams,
            sum((l->>'gross')::bigint) AS gross, sum((l->>'discount')::bigint) AS discount,
            sum((l->>'tax')::bigint) AS tax, sum((l->>'total')::bigint) AS total
     FROM documents, jsonb_array_elements(data->'lines') AS l
     WHERE collection = 'sales' AND NOT deleted AND data->>'status' = 'completed'
       AND data->>'businessDay' BETWEEN $1 AND $2 AND ($3::text IS NULL OR store_id = $3)
       AND NOT (l->>'voided')::boolean
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 5, 4`,
    [range.from, range.to, range.storeId ?? null],
  );
  return rows.map((row) => ({
    storeId: String(row.store_id),
    businessDay: String(row.day),
    currency: String(row.currency),
    productId: String(row.product_id),
    kind: row.kind === 'return' ? 'return' : 'sale',
    quantity: Number(row.quantity),
    weightGrams: Number(row.weight_grams),
    gross: Number(row.gross),
    discount: Number(row.discount),
    tax: Number(row.tax),
    total: Number(row.total),
  }));
}
