import {
  /**
   * A cashier's shift on one lane: opened with a float, closed with a count by denomination. What the drawer
   * should hold is never stored as a counter: reports compute it from sales and cash movements (../shift).
   */
  currencyProperty,
  epochMsProperty as epochMs,
  idProperty as id,
  minorUnitsProperty as minorUnits,
} from './conventions.js';
export type ShiftStatus = 'open' | 'closed';

export interface DenominationCountDoc {
  /** Face value in minor units (a 20 EUR note = 2000). */
  value: number;
  count: number;
}

export interface CashCountDoc {
  denominations: DenominationCountDoc[];
  total: number;
}

export interface ShiftDoc {
  id: string;
  storeId: string;
  deviceId: string;
  cashierId: string;
  status: ShiftStatus;
  businessDay: string;
  currency: string;
  openingFloat: number;
  openedAt: number;
  closedAt?: number;
  closedBy?: string;
  closingCount?: CashCountDoc;
}

export const shiftsSchema = {
  title: 'shifts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    storeId: id,
    deviceId: id,
    cashierId: id,
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 8 },
    businessDay: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 },
    currency: currencyProperty,
    openingFloat: minorUnits,
    openedAt: epochMs,
    closedAt: epochMs,
    closedBy: id,
    closingCount: {
      type: 'object',
      properties: {
        denominations: {
          type: 'array',
          maxItems: 64,
          items: {
            type: 'object',
            properties: {
              value: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
              count: { type: 'integer', minimum: 0, maximum: 1_000_000 },
            },
            required: ['value', 'count'],
            additionalProperties: false,
          },
        },
        total: minorUnits,
      },
      required: ['denominations', 'total'],
      additionalProperties: false,
    },
  },
  required: [
    'id',
    'storeId',
    'deviceId',
    'cashierId',
    'status',
    'businessDay',
    'currency',
    'openingFloat',
    'openedAt',
  ],
  additionalProperties: false,
  indexes: ['storeId', ['storeId', 'businessDay'], ['deviceId', 'status']],
} as const;

export function shiftsIsFinal(doc: Pick<ShiftDoc, 'status'>): boolean {
  return doc.status === 'closed';
}
