import { epochMsProperty, idProperty } from './conventions.js';

export type EmployeeRole = 'cashier' | 'supervisor' | 'manager';

/** Someone who may sign in at a lane. Written at HQ; the PIN itself is never stored or replicated. */
export interface EmployeeDoc {
  id: string;
  /** Home store, or '*' for staff who work in every store (e.g. area managers). */
  storeId: string;
  name: string;
  roles: EmployeeRole[];
  /**
   * A slow salted hash of the PIN in PHC string format, e.g. `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`.
   * Validation refuses anything that looks like a bare PIN.
   */
  pinHash: string;
  /** The code on the employee badge, scanned to sign in; '' when none. */
  badgeCode: string;
  active: boolean;
  updatedAt: number;
}

export const employeesSchema = {
  title: 'employees',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    name: { type: 'string', maxLength: 200 },
    roles: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
      items: { type: 'string', enum: ['cashier', 'supervisor', 'manager'] },
    },
    // PHC string format (github.com/P-H-C/phc-string-format): `$id[$params]$salt$hash`.
    pinHash: {
      type: 'string',
      minLength: 20,
      maxLength: 256,
      pattern: '^\\$[a-z0-9-]+(\\$[A-Za-z0-9+/.=,-]+){2,4}$',
    },
    badgeCode: { type: 'string', maxLength: 64 },
    active: { type: 'boolean' },
    updatedAt: epochMsProperty,
  },
  required: ['id', 'storeId', 'name', 'roles', 'pinHash', 'badgeCode', 'active', 'updatedAt'],
  additionalProperties: false,
  indexes: ['storeId', 'badgeCode'],
} as const;
