import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import {
  type CollectionName,
  type CollectionSpec,
  collectionNames,
  collections,
  isCollectionName,
  masterCollectionNames,
  transactionCollectionNames,
} from './collections.js';
import { ID_MAX_LENGTH } from './conventions.js';
import { validateDocument } from './validate.js';

type PropertySchema = {
  type?: unknown;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
};

describe('collection registry', () => {
  it.each(collectionNames)('%s has an RxDB-valid schema following the document conventions', (name) => {
    const spec = collections[name];
    expect(spec.name).toBe(name);
    // RxDB's own dev-mode schema check: field names, primary key, index rules, version.
    expect(() => checkSchema(structuredClone(spec.schema) as never)).not.toThrow();
    const properties = spec.schema.properties as Record<string, PropertySchema>;
    expect(spec.schema.primaryKey).toBe('id');
    expect(properties.id).toMatchObject({ type: 'string' });
    expect(properties.id!.maxLength).toBeLessThanOrEqual(ID_MAX_LENGTH);
    expect(properties.storeId).toMatchObject({ type: 'string' });
    expect(spec.schema.required).toEqual(expect.arrayContaining(['id', 'storeId']));
    for (const field of Object.keys(properties)) expect(field).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    for (const index of spec.schema.indexes ?? []) {
      for (const field of typeof index === 'string' ? [index] : index) {
        const property = properties[field];
        expect(property, `${name} index on ${field}`).toBeDefined();
        // Indexed fields are top-level and present in every document, whatever its kind.
        expect(spec.schema.required, `${name} index on ${field}`).toContain(field);
        if (property!.type === 'string') expect(property!.maxLength, `${name}.${field}`).toBeGreaterThan(0);
        else {
          expect(property!.type).toBe('integer');
          expect(property!.minimum).toBeTypeOf('number');
          expect(property!.maximum).toBeTypeOf('number');
          expect(property!.multipleOf).toBeTypeOf('number');
        }
      }
    }
    for (let version = 1; version <= spec.schema.version; version++) {
      expect(spec.migrationStrategies[version], `${name} migration to v${version}`).toBeTypeOf('function');
    }
    if (spec.kind === 'transaction') expect(spec.isFinal).toBeTypeOf('function');
    // Compiles under strict ajv (as RxDB's validate-ajv does) and refuses an empty document by its first field.
    expect(validateDocument(name, {})).toMatchObject({ ok: false, reason: 'schema-invalid' });
  });

  it('splits master data (pull-only) from transactions (device-made, immutable once final)', () => {
    expect(masterCollectionNames).toEqual([
      'products',
      'prices',
      'promotions',
      'tax_rates',
      'stores',
      'employees',
      'members',
    ]);
    expect(transactionCollectionNames).toEqual([
      'sales',
      'shifts',
      'cash_movements',
      'stock_movements',
      'loyalty_entries',
      'audit_entries',
    ]);
    expect(masterCollectionNames.length + transactionCollectionNames.length).toBe(collectionNames.length);
  });

  it('is a Record<CollectionName, CollectionSpec> as the storage and the sync server consume it', () => {
    const registry: Record<CollectionName, CollectionSpec> = collections;
    expect(Object.keys(registry).sort()).toEqual([...collectionNames].sort());
  });

  it('holds at most the 13 collections open-source RxDB lets one process open', () => {
    // NON_PREMIUM_COLLECTION_LIMIT in rxdb/dist/esm/plugins/utils/utils-premium.js: a lane opens them all.
    expect(collectionNames).toHaveLength(13);
  });

  it('recognises collection names and nothing else', () => {
    expect(isCollectionName('stock_movements')).toBe(true);
    expect(isCollectionName('toString')).toBe(false);
    expect(isCollectionName('__proto__')).toBe(false);
    expect(isCollectionName(42)).toBe(false);
  });
});
