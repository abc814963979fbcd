import { epochMsProperty, idProperty } from './conventions.js';

/** Earned and spent points are ledger lines; the balance is their sum, never a replicated counter. */
export type PointsEntryKind = 'earn' | 'spend' | 'expire' | 'adjust-credit' | 'adjust-debit';

export interface PointsEntryDoc {
  /** UUIDv7 made on the device. */
  id: string;
  /** Store where the entry was made. */
  storeId: string;
  memberId: string;
  kind: PointsEntryKind;
  /** Always positive; the kind gives the direction. */
  points: number;
  /** The sale or return that earned or spent the points; '' for adjustments and expiry. */
  saleId: string;
  deviceId: string;
  employeeId: string;
  createdAt: number;
}

export const pointsEntriesSchema = {
  title: 'points entries',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    memberId: idProperty,
    kind: {
      type: 'string',
      enum: ['earn', 'spend', 'expire', 'adjust-credit', 'adjust-debit'],
      maxLength: 16,
    },
    points: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    saleId: idProperty,
    deviceId: idProperty,
    employeeId: idProperty,
    createdAt: epochMsProperty,
  },
  required: ['id', 'storeId', 'memberId', 'kind', 'points', 'saleId', 'deviceId', 'employeeId', 'createdAt'],
  additionalProperties: false,
  indexes: ['memberId', 'saleId'],
} as const;

export function pointsEntriesIsFinal(_doc: PointsEntryDoc): boolean {
  return true;
}

/** Signed effect of one entry on a member's balance. */
export function pointsDelta(entry: Pick<PointsEntryDoc, 'kind' | 'points'>): number {
  return entry.kind === 'earn' || entry.kind === 'adjust-credit' ? entry.points : -entry.points;
}
