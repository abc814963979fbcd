import type { EmployeeDoc, EmployeeRole } from '@storefloor/core';
import { boolean, identifier, list, oneOf, storeIdField, text } from '../import/field-parsers.js';
import type { ImportKind } from '../import/import-kind.js';
import { hashPin } from './pin-hash.js';

const ROLES = ['cashier', 'supervisor', 'manager'] as const;

const pinField = (value: unknown) => {
  const pin = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  return /^\d{4,8}$/.test(pin)
    ? { ok: true as const, value: pin }
    : { ok: false as const, reason: 'not-a-pin', detail: 'a PIN is 4 to 8 digits' };
};

/**
 * Employees of a store (or '*'): roles separated by ";" and the PIN in clear in the file, hashed here with
 * scrypt and a fresh salt; only `pinHash` is stored and replicated. The PIN never leaves this function.
 */
export const employeesImport: ImportKind = {
  name: 'employees',
  collection: 'employees',
  columns: ['id', 'storeId', 'name', 'roles', 'pin', 'badgeCode', 'active'],
  requiredColumns: ['id', 'storeId', 'name', 'roles', 'pin'],
  async toDocument(row, context) {
    const pin = row.required('pin', pinField);
    const roles = row.required('roles', list(oneOf(ROLES), 3));
    if (roles && (roles.length === 0 || new Set(roles).size !== roles.length)) {
      row.reject('invalid-roles: one to three distinct roles of cashier, supervisor, manager', 'roles');
    }
    const doc: Omit<EmployeeDoc, 'pinHash' | 'updatedAt'> = {
      id: row.required('id', identifier) ?? '',
      storeId: row.required('storeId', storeIdField) ?? '',
      name: row.required('name', text(200)) ?? '',
      roles: (roles ?? []) as EmployeeRole[],
      badgeCode: row.optional('badgeCode', text(64)) ?? '',
      active: row.optional('active', boolean) ?? true,
    };
    if (row.rejection || pin === undefined) return undefined;
    return { ...doc, pinHash: await hashPin(pin), updatedAt: context.now };
  },
};
