import {
  countIncludesNow,
  createIdGenerator,
  type ProductDoc,
  type StockMovementDoc,
  stockOnHandByProduct,
} from '@storefloor/core';

/**
 * Safety stock, while the product schema carries none: three days of cover at the pace of the last seven days'
 * sales in the ledger, and never under 2 units (a product that sells nothing still keeps a facing). The
 * suggested order fills the shelf up to twice the safety stock.
 */
export const SAFETY_DAYS_OF_COVER = 3;
export const SAFETY_STOCK_MINIMUM = 2;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface StockRow {
  readonly productId: string;
  readonly name: string;
  readonly onHand: number | null;
  readonly counted: boolean;
  readonly safetyStock: number;
  /** Units to order (0 when on hand is at or above the safety stock). */
  readonly suggestedOrder: number;
}

/** On hand per product from the ledger (core: last count + movements after it), safety stock and order. */
export function stockRows(
  products: readonly ProductDoc[],
  ledger: readonly StockMovementDoc[],
  now: number,
): StockRow[] {
  const onHand = new Map<string, { quantity: number; counted: boolean }>();
  for (const r of stockOnHandByProduct(ledger))
    if (r.ok)
      onHand.set(r.value.productId, { quantity: r.value.quantity, counted: r.value.countId !== null });
  const soldThisWeek = new Map<string, number>();
  for (const m of ledger)
    if (m.kind === 'sale' && m.unit === 'unit' && now - m.occurredAt <= WEEK_MS)
      soldThisWeek.set(m.productId, (soldThisWeek.get(m.productId) ?? 0) + m.quantity);
  return products
    .filter((p) => p.unit === 'each')
    .map((p) => {
      const o = onHand.get(p.id);
      const safetyStock = Math.max(
        SAFETY_STOCK_MINIMUM,
        Math.ceil(((soldThisWeek.get(p.id) ?? 0) / 7) * SAFETY_DAYS_OF_COVER),
      );
      const quantity = o?.quantity ?? null;
      const suggestedOrder =
        quantity === null || quantity < safetyStock ? 2 * safetyStock - (quantity ?? 0) : 0;
      return {
        productId: p.id,
        name: p.name,
        onHand: quantity,
        counted: o?.counted ?? false,
        safetyStock,
        suggestedOrder,
      };
    })
    .sort((a, b) => b.suggestedOrder - a.suggestedOrder || a.name.localeCompare(b.name));
}

const newId = createIdGenerator();

/**
 * The ledger lines of one scanning session: a count per product (with, for every device, the highest ledger
 * sequence the count reflects) or a receipt per product, numbered after this device's own last line.
 */
export function sessionMovements(
  kind: 'count' | 'receipt',
  quantities: ReadonlyMap<string, number>,
  ledger: readonly StockMovementDoc[],
  who: {
    readonly storeId: string;
    readonly deviceId: string;
    readonly employeeId: string;
    readonly sourceId: string;
  },
  now: number,
): StockMovementDoc[] {
  const highest = new Map<string, number>();
  for (const m of ledger) highest.set(m.deviceId, Math.max(highest.get(m.deviceId) ?? 0, m.deviceSequence));
  let sequence = highest.get(who.deviceId) ?? 0;
  const includes = countIncludesNow(ledger);
  return [...quantities.entries()].map(([productId, quantity]) => {
    sequence += 1;
    const common = {
      id: newId(),
      storeId: who.storeId,
      productId,
      deviceId: who.deviceId,
      deviceSequence: sequence,
      sourceId: who.sourceId,
      employeeId: who.employeeId,
      occurredAt: now,
      unit: 'unit' as const,
    };
    return kind === 'count'
      ? { ...common, kind: 'count', quantity, reason: 'shelf count', includes }
      : { ...common, kind: 'receipt', quantity, reason: 'delivery' };
  });
}
