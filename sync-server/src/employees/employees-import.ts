import type { EmployeeDoc, EmployeeRole } from '@storefloor/core';
import { boolean, identifier, list, storeIdField, text } from '../import/field-parsers.js';
import type { ImportKind } from '../import/import-kind.js';
import { hashPin } from './pin-hash.js';

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
    // Which roles exist, and how many, is core's `employees` schema's rule.
    const roles = row.required('roles', list(text));
    const doc: Omit<EmployeeDoc, 'pinHash' | 'updatedAt'> = {
      id: row.required('id', identifier) ?? '',
      storeId: row.required('storeId', storeIdField) ?? '',
      name: row.required('name', text) ?? '',
      roles: (roles ?? []) as EmployeeRole[],
      badgeCode: row.optional('badgeCode', text) ?? '',
      active: row.optional('active', boolean) ?? true,
    };
    if (row.rejection || pin === undefined) return undefined;
    return { ...doc, pinHash: await hashPin(pin), updatedAt: context.now };
  },
};
