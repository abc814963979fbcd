import { subtractMinor, sumMinor } from '@storefloor/core';
import type { Queryable } from '../db/database.js';

export interface ReportRange {
  /** Business days, inclusive, 'YYYY-MM-DD'. */
  readonly from: string;
  readonly to: string;
  readonly storeId?: string;
}

export interface SalesDay {
  storeId: string;
  businessDay: string;
  currency: string;
  sales: { count: number; gross: number; discount: number; tax: number; total: number };
  returns: { count: number; tax: number; total: number };
  /** Sales minus returns. */
  net: { tax: number; total: number };
  taxes: {
    taxRateId: string;
    label: string;
    rateBps: number;
    salesBase: number;
    salesTax: number;
    returnsBase: number;
    returnsTax: number;
  }[];
  /** Cash `taken` is net of change handed back; `refunded` is paid out on returns. */
  tenders: { kind: string; taken: number; refunded: number }[];
  promotions: { promotionId: string; amount: number }[];
}

/** Only completed documents count: an open basket is not a sale and a cancelled one never happened. */
const COMPLETED = `collection = 'sales' AND NOT deleted AND data->>'status' = 'completed'
  AND data->>'businessDay' BETWEEN $1 AND $2 AND ($3::text IS NULL OR store_id = $3)`;

const n = (value: unknown): number => Number(value ?? 0);

/**
 * Sales, returns, discounts, tax per rate and tenders per store and business day. Every figure is a sum of
 * amounts the lane's sale domain wrote with core's money module; nothing is recomputed here. Served by the
 * `hq_sales_store_day` index of migration 101.
 */
export async function salesReport(db: Queryable, range: ReportRange): Promise<SalesDay[]> {
  const params = [range.from, range.to, range.storeId ?? null];
  const totals = await db.query<Record<string, unknown>>(
    `SELECT store_id, data->>'businessDay' AS day, data->>'currency' AS currency, data->>'kind' AS kind,
            count(*) AS documents,
            sum((data->'totals'->>'gross')::bigint) AS gross, sum((data->'totals'->>'discount')::bigint) AS discount,
            sum((data->'totals'->>'tax')::bigint) AS tax, sum((data->'totals'->>'total')::bigint) AS total,
            sum((data->'totals'->>'change')::bigint) AS change
     FROM documents WHERE ${COMPLETED} GROUP BY 1, 2, 3, 4`,
    params,
  );
  const taxes = await db.query<Record<string, unknown>>(
    `SELECT store_id, data->>'businessDay' AS day, data->>'currency' AS currency, data->>'kind' AS kind,
            t->>'taxRateId' AS tax_rate_id, t->>'label' AS label, (t->>'rateBps')::int AS rate_bps,
            sum((t->>'base')::bigint) AS base, sum((t->>'tax')::bigint) AS tax
     FROM documents, jsonb_array_elements(data->'taxes') AS t
     WHERE ${COMPLETED} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    params,
  );
  const tenders = await db.query<Record<string, unknown>>(
    `SELECT store_id, data->>'businessDay' AS day, data->>'currency' AS currency, data->>'kind' AS kind,
            t->>'kind' AS tender, sum((t->>'amount')::bigint) AS amount
     FROM documents, jsonb_array_elements(data->'tenders') AS t
     WHERE ${COMPLETED} GROUP BY 1, 2, 3, 4, 5`,
    params,
  );
  const promotions = await db.query<Record<string, unknown>>(
    `SELECT store_id, data->>'businessDay' AS day, data->>'currency' AS currency,
            p->>'promotionId' AS promotion_id, sum((p->>'amount')::bigint) AS amount
     FROM documents, jsonb_array_elements(data->'promotions') AS p
     WHERE ${COMPLETED} AND data->>'kind' = 'sale' GROUP BY 1, 2, 3, 4`,
    params,
  );

  const days = new Map<string, SalesDay & { change: number }>();
  const dayOf = (row: Record<string, unknown>) => {
    const key = `${row.store_id}\u0000${row.day}\u0000${row.currency}`;
    let day = days.get(key);
    if (!day) {
      day = {
        storeId: String(row.store_id),
        businessDay: String(row.day),
        currency: String(row.currency),
        sales: { count: 0, gross: 0, discount: 0, tax: 0, total: 0 },
        returns: { count: 0, tax: 0, total: 0 },
        net: { tax: 0, total: 0 },
        taxes: [],
        tenders: [],
        promotions: [],
        change: 0,
      };
      days.set(key, day);
    }
    return day;
  };
  for (const row of totals.rows) {
    const day = dayOf(row);
    if (row.kind === 'sale') {
      day.sales = {
        count: n(row.documents),
        gross: n(row.gross),
        discount: n(row.discount),
        tax: n(row.tax),
        total: n(row.total),
      };
      day.change = n(row.change);
    } else {
      day.returns = { count: n(row.documents), tax: n(row.tax), total: n(row.total) };
    }
  }
  for (const row of taxes.rows) {
    const day = dayOf(row);
    let rate = day.taxes.find((t) => t.taxRateId === row.tax_rate_id);
    if (!rate) {
      rate = {
        taxRateId: String(row.tax_rate_id),
        label: String(row.label),
        rateBps: n(row.rate_bps),
        salesBase: 0,
        salesTax: 0,
        returnsBase: 0,
        returnsTax: 0,
      };
      day.taxes.push(rate);
    }
    if (row.kind === 'sale') {
      rate.salesBase = sumMinor([rate.salesBase, n(row.base)]);
      rate.salesTax = sumMinor([rate.salesTax, n(row.tax)]);
    } else {
      rate.returnsBase = sumMinor([rate.returnsBase, n(row.base)]);
      rate.returnsTax = sumMinor([rate.returnsTax, n(row.tax)]);
    }
  }
  for (const row of tenders.rows) {
    const day = dayOf(row);
    let tender = day.tenders.find((t) => t.kind === row.tender);
    if (!tender) {
      tender = { kind: String(row.tender), taken: 0, refunded: 0 };
      day.tenders.push(tender);
    }
    if (row.kind === 'sale') tender.taken = sumMinor([tender.taken, n(row.amount)]);
    else tender.refunded = sumMinor([tender.refunded, n(row.amount)]);
  }
  for (const row of promotions.rows) {
    dayOf(row).promotions.push({ promotionId: String(row.promotion_id), amount: n(row.amount) });
  }
  return [...days.values()]
    .map(({ change, ...day }) => {
      const cash = day.tenders.find((t) => t.kind === 'cash');
      if (cash) cash.taken = subtractMinor(cash.taken, change);
      day.net = {
        tax: subtractMinor(day.sales.tax, day.returns.tax),
        total: subtractMinor(day.sales.total, day.returns.total),
      };
      day.taxes.sort((a, b) => a.rateBps - b.rateBps || a.taxRateId.localeCompare(b.taxRateId));
      day.tenders.sort((a, b) => a.kind.localeCompare(b.kind));
      day.promotions.sort((a, b) => a.promotionId.localeCompare(b.promotionId));
      return day;
    })
    .sort((a, b) => a.storeId.localeCompare(b.storeId) || a.businessDay.localeCompare(b.businessDay));
}
