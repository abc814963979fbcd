import { epochMsProperty, idProperty } from './conventions.js';

/**
 * Who did what, where: supervisor overrides, drawer opens without a sale, price overrides, voids, sign-ins.
 * Append-only and final when written.
 */
export interface AuditEntryDoc {
  /** UUIDv7 made on the device. */
  id: string;
  storeId: string;
  deviceId: string;
  /** Who acted; '' for device-originated events. */
  employeeId: string;
  /** Who approved, for supervisor overrides; '' otherwise. */
  approvedBy: string;
  /** Dotted lower-case action name, e.g. 'drawer.open-no-sale', 'sale.void-line', 'price.override'. */
  action: string;
  /** The collection and id the action concerns; '' when none. */
  subjectCollection: string;
  subjectId: string;
  /** Flat facts for the report, e.g. { oldAmount: 250, newAmount: 199 }. */
  facts: Record<string, string | number | boolean>;
  occurredAt: number;
}

export const auditEntriesSchema = {
  title: 'audit entries',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    deviceId: idProperty,
    employeeId: idProperty,
    approvedBy: idProperty,
    action: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$', maxLength: 64 },
    subjectCollection: { type: 'string', maxLength: 64 },
    subjectId: idProperty,
    facts: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: {
        anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }],
      },
    },
    occurredAt: epochMsProperty,
  },
  required: [
    'id',
    'storeId',
    'deviceId',
    'employeeId',
    'approvedBy',
    'action',
    'subjectCollection',
    'subjectId',
    'facts',
    'occurredAt',
  ],
  additionalProperties: false,
  indexes: ['action', 'subjectId'],
} as const;

export function auditEntriesIsFinal(_doc: AuditEntryDoc): boolean {
  return true;
}
