export type { CountMarks } from './count-includes.js';
export { countDominates, countIncludesMovement, countIncludesNow, countMarks } from './count-includes.js';
export type { StockOnHand, StockReason } from './on-hand.js';
export { stockOnHand, stockOnHandByProduct, uniqueById } from './on-hand.js';
export { STOCK_DIRECTION, stockMovementDelta } from './stock-movement-delta.js';
