import { describe, expect, it } from 'vitest';
import type { CollectionSpec } from './collections.js';
import { collections } from './collections.js';
import { validDocuments } from './fixtures.test-support.js';
import { migrateDocument } from './migrate.js';
import { storesSchema } from './stores.js';
import { validateAgainst, validateDocument } from './validate.js';

/**
 * A version 1 of `stores` as a later release might ship it: the boolean `pricesIncludeTax` becomes an explicit
 * `taxDisplay` enum. Devices still on v0 keep pushing v0 documents; the strategy lifts them.
 */
const { pricesIncludeTax: _dropped, ...v0Properties } = storesSchema.properties;
const storesV1: CollectionSpec = {
  name: 'stores',
  kind: 'master',
  schema: {
    ...storesSchema,
    version: 1,
    properties: {
      ...v0Properties,
      taxDisplay: { type: 'string', enum: ['inclusive', 'exclusive'], maxLength: 9 },
    },
    required: [...storesSchema.required.filter((f) => f !== 'pricesIncludeTax'), 'taxDisplay'],
  },
  migrationStrategies: {
    1: ({ pricesIncludeTax, ...rest }) => ({
      ...rest,
      taxDisplay: pricesIncludeTax ? 'inclusive' : 'exclusive',
    }),
  },
};
const registryV1 = { ...collections, stores: storesV1 } as Record<string, CollectionSpec>;

describe('migrateDocument', () => {
  it('turns a v0 document into a valid v1 document', () => {
    const v0 = validDocuments.stores;
    expect(validateAgainst(storesV1, v0)).toMatchObject({ ok: false, reason: 'schema-invalid' });
    const migrated = migrateDocument('stores', v0, 0, registryV1);
    expect(migrated).toMatchObject({ ok: true, value: { id: v0.id, taxDisplay: 'inclusive' } });
    if (!migrated.ok) return;
    expect(migrated.value).not.toHaveProperty('pricesIncludeTax');
    expect(validateAgainst(storesV1, migrated.value).ok).toBe(true);
    expect(validDocuments.stores.pricesIncludeTax).toBe(true);
  });

  it('leaves a current document alone', () => {
    expect(migrateDocument('stores', validDocuments.stores, 0)).toEqual({
      ok: true,
      value: validDocuments.stores,
    });
    expect(validateDocument('stores', validDocuments.stores).ok).toBe(true);
  });

  it('refuses versions from the future, unknown collections and missing strategies', () => {
    expect(migrateDocument('stores', validDocuments.stores, 2, registryV1)).toMatchObject({
      reason: 'version-ahead',
    });
    expect(migrateDocument('baskets', {}, 0)).toMatchObject({ reason: 'unknown-collection' });
    const noStrategy = { stores: { ...storesV1, migrationStrategies: {} } };
    expect(migrateDocument('stores', validDocuments.stores, 0, noStrategy)).toMatchObject({
      reason: 'migration-missing',
    });
    expect(migrateDocument('stores', 'x', 0)).toMatchObject({ reason: 'not-an-object' });
  });
});
