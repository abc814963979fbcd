import { deviceSequenceProperty, epochMsProperty, idProperty } from './conventions.js';

/**
 * One line of a store's stock ledger: append-only, final when written. A flow moves goods in or out
 * (`quantity` always positive, the kind gives the direction, see `stockMovementDelta` in ../stock); a count
 * is the ledger's checkpoint: on hand is the last count plus every flow it does not include (ARCHITECTURE.md §3).
 */
export type StockFlowKind = 'sale' | 'return' | 'receipt' | 'transfer-in' | 'transfer-out' | 'waste';
export type StockMovementKind = StockFlowKind | 'count';

export const STOCK_FLOW_KINDS: readonly StockFlowKind[] = Object.freeze([
  'sale',
  'return',
  'receipt',
  'transfer-in',
  'transfer-out',
  'waste',
]);

/** 'unit' counts pieces; 'gram' is for goods sold by weight. */
export type StockUnit = 'unit' | 'gram';

/** Up to which of one device's ledger lines (by `deviceSequence`) a count already reflects. */
export interface CountedThrough {
  deviceId: string;
  deviceSequence: number;
}

/** What every line of the ledger carries, whatever its kind. */
interface StockLedgerLine {
  /** UUIDv7 made on the device. */
  id: string;
  storeId: string;
  productId: string;
  /** The device that recorded the line. */
  deviceId: string;
  /**
   * 1, 2, 3… per device over all its ledger lines (flows and counts), with no gaps: counts say "I include
   * device D up to sequence N" with it, so on hand never depends on any clock, and a gap shows a line that
   * has not arrived yet.
   */
  deviceSequence: number;
  /** The sale, return, delivery, transfer or stocktake this line belongs to; '' when none. */
  sourceId: string;
  /** Free text (waste: 'expired', 'damaged'; a count: 'cycle count'); '' when none. */
  reason: string;
  /** Who moved the goods, or who counted them. */
  employeeId: string;
  /** Device clock, epoch milliseconds; shown to people, never used for ordering. */
  occurredAt: number;
}

/** Goods moving in or out of the store. */
export interface StockFlowDoc extends StockLedgerLine {
  kind: StockFlowKind;
  /** Always at least 1; the kind gives the direction. */
  quantity: number;
  unit: StockUnit;
}

/** A physical count of one product in one store: the checkpoint of its stock ledger. */
export interface StockCountDoc extends StockLedgerLine {
  kind: 'count';
  /** What was on the shelf, 0 or more. */
  quantity: number;
  unit: StockUnit;
  /**
   * For each device that has recorded lines in the store, the highest `deviceSequence` this count already
   * reflects. A device missing here has none of its lines included.
   */
  includes: CountedThrough[];
}

export type StockMovementDoc = StockFlowDoc | StockCountDoc;

export function isStockCount(line: Pick<StockMovementDoc, 'kind'>): line is StockCountDoc {
  return line.kind === 'count';
}

const quantityProperty = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const includesProperty = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    properties: {
      deviceId: idProperty,
      deviceSequence: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    },
    required: ['deviceId', 'deviceSequence'],
    additionalProperties: false,
  },
} as const;

/**
 * One collection for flows and counts: RxDB's open-source edition caps a process at 13 collections (see
 * ./collections.ts), and a count belongs in the ledger it checkpoints. Fields every kind carries sit at the
 * top level (and only those are indexed); the kind-specific rules are the `if`/`then`/`else` below.
 */
export const stockMovementsSchema = {
  title: 'stock movements',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    productId: idProperty,
    kind: { type: 'string', enum: [...STOCK_FLOW_KINDS, 'count'], maxLength: 16 },
    quantity: quantityProperty,
    unit: { type: 'string', enum: ['unit', 'gram'], maxLength: 8 },
    includes: includesProperty,
    deviceId: idProperty,
    deviceSequence: deviceSequenceProperty,
    sourceId: idProperty,
    reason: { type: 'string', maxLength: 200 },
    employeeId: idProperty,
    occurredAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'productId',
    'kind',
    'quantity',
    'unit',
    'deviceId',
    'deviceSequence',
    'sourceId',
    'reason',
    'employeeId',
    'occurredAt',
  ],
  allOf: [
    {
      if: { properties: { kind: { const: 'count' } }, required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, never awaited
      then: { properties: { includes: includesProperty }, required: ['includes'] },
      else: {
        properties: { quantity: { ...quantityProperty, minimum: 1 }, includes: false },
      },
    },
  ],
  additionalProperties: false,
  indexes: [['storeId', 'productId'], ['deviceId', 'deviceSequence'], 'sourceId'],
} as const;

/** Ledger lines, counts included, are final the moment they are written. */
export function stockMovementsIsFinal(_doc: StockMovementDoc): boolean {
  return true;
}
