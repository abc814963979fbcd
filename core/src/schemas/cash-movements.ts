import { currencyProperty, epochMsProperty as epochMs, idProperty as id } from './conventions.js';

/**
 * Cash put into or taken out of a drawer outside a sale. Each movement is its own immutable ledger entry;
 * amounts are positive and `kind` says the direction.
 */
export type CashMovementKind =
  /** Cash added to the drawer (more change from the safe). */
  | 'paid-in'
  /** Cash paid out of the drawer for an expense (a delivery tip, a window cleaner). */
  | 'paid-out'
  /** Cash taken from the drawer to the safe during the shift. */
  | 'drop';

export interface CashMovementDoc {
  id: string;
  storeId: string;
  deviceId: string;
  shiftId: string;
  businessDay: string;
  kind: CashMovementKind;
  currency: string;
  amount: number;
  reason: string;
  employeeId: string;
  createdAt: number;
}

export const cashMovementsSchema = {
  title: 'cash movements',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    storeId: id,
    deviceId: id,
    shiftId: id,
    businessDay: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 },
    kind: { type: 'string', enum: ['paid-in', 'paid-out', 'drop'], maxLength: 8 },
    currency: currencyProperty,
    amount: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    reason: { type: 'string', maxLength: 200 },
    employeeId: id,
    createdAt: epochMs,
  },
  required: [
    'id',
    'storeId',
    'deviceId',
    'shiftId',
    'businessDay',
    'kind',
    'currency',
    'amount',
    'reason',
    'employeeId',
    'createdAt',
  ],
  additionalProperties: false,
  indexes: ['storeId', 'shiftId', ['storeId', 'businessDay']],
} as const;

/** Cash movements are final the moment they are written. */
export function cashMovementsIsFinal(_doc: CashMovementDoc): boolean {
  return true;
}
