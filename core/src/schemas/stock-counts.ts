import { epochMsProperty, idProperty } from './conventions.js';
import type { StockUnit } from './stock-movements.js';

/** Up to which of one device's movements (by `deviceSequence`) a count already reflects. */
export interface CountedThrough {
  deviceId: string;
  deviceSequence: number;
}

/**
 * A physical count of one product in one store: the checkpoint of its stock ledger. On hand is this
 * quantity plus every movement the count does not include (ARCHITECTURE.md §3).
 */
export interface StockCountDoc {
  /** UUIDv7 made on the counting device. */
  id: string;
  storeId: string;
  productId: string;
  quantity: number;
  unit: StockUnit;
  /**
   * For each device that has recorded movements in the store, the highest `deviceSequence` this count
   * already reflects. A device missing here has none of its movements included.
   */
  includes: CountedThrough[];
  deviceId: string;
  employeeId: string;
  /** Device clock, epoch milliseconds; shown to people, never used for ordering. */
  countedAt: number;
}

export const stockCountsSchema = {
  title: 'stock counts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    productId: idProperty,
    quantity: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    unit: { type: 'string', enum: ['unit', 'gram'], maxLength: 8 },
    includes: {
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
    },
    deviceId: idProperty,
    employeeId: idProperty,
    countedAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'productId',
    'quantity',
    'unit',
    'includes',
    'deviceId',
    'employeeId',
    'countedAt',
  ],
  additionalProperties: false,
  indexes: [['storeId', 'productId']],
} as const;

/** Counts are final the moment they are written. */
export function stockCountsIsFinal(_doc: StockCountDoc): boolean {
  return true;
}
