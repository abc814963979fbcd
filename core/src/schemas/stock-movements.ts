import { deviceSequenceProperty, epochMsProperty, idProperty } from './conventions.js';

/**
 * One movement of goods in or out of a store's stock: an append-only ledger line, final when written.
 * `quantity` is always positive; the kind gives the direction (see `stockMovementDelta` in ../stock).
 */
export type StockMovementKind = 'sale' | 'return' | 'receipt' | 'transfer-in' | 'transfer-out' | 'waste';

/** 'unit' counts pieces; 'gram' is for goods sold by weight. */
export type StockUnit = 'unit' | 'gram';

export interface StockMovementDoc {
  /** UUIDv7 made on the device. */
  id: string;
  storeId: string;
  productId: string;
  kind: StockMovementKind;
  quantity: number;
  unit: StockUnit;
  /** The device that recorded the movement. */
  deviceId: string;
  /**
   * 1, 2, 3… per device, with no gaps: counts say "I include device D up to sequence N" with it, so
   * on hand never depends on any clock.
   */
  deviceSequence: number;
  /** The sale, return, delivery or transfer this movement belongs to; '' when none. */
  sourceId: string;
  /** Free text for waste (e.g. 'expired', 'damaged'); '' otherwise. */
  reason: string;
  employeeId: string;
  /** Device clock, epoch milliseconds; shown to people, never used for ordering. */
  occurredAt: number;
}

export const stockMovementsSchema = {
  title: 'stock movements',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    productId: idProperty,
    kind: {
      type: 'string',
      enum: ['sale', 'return', 'receipt', 'transfer-in', 'transfer-out', 'waste'],
      maxLength: 16,
    },
    quantity: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    unit: { type: 'string', enum: ['unit', 'gram'], maxLength: 8 },
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
  additionalProperties: false,
  indexes: [['storeId', 'productId'], ['deviceId', 'deviceSequence'], 'sourceId'],
} as const;

/** Stock movements are final the moment they are written. */
export function stockMovementsIsFinal(_doc: StockMovementDoc): boolean {
  return true;
}
