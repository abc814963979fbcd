import type { StockFlowDoc, StockFlowKind } from '../schemas/stock-movements.js';

/** Which way each kind of flow moves stock: +1 into the store, -1 out of it. Counts are checkpoints, not flows. */
export const STOCK_DIRECTION: Readonly<Record<StockFlowKind, 1 | -1>> = {
  sale: -1,
  return: 1,
  receipt: 1,
  'transfer-in': 1,
  'transfer-out': -1,
  waste: -1,
};

/** Signed effect of one flow on stock on hand, in its unit (pieces or grams). */
export function stockMovementDelta(movement: Pick<StockFlowDoc, 'kind' | 'quantity'>): number {
  return STOCK_DIRECTION[movement.kind] * movement.quantity;
}
