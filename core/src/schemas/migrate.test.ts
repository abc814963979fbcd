import { describe, expect, it } from 'vitest';
import type { CollectionSpec } from './collections.js';
import { collections } from './collections.js';
import { validDocuments } from './fixtures.test-support.js';
import { migrateDocument } from './migrate.js';
import { storesV0, storeV0Document } from './stores-v0.test-support.js';
import { validateAgainst, validateDocument } from './validate.js';

describe('migrateDocument', () => {
  it('turns a version-0 store into a valid first settings version', () => {
    expect(validateAgainst(storesV0, storeV0Document).ok).toBe(true);
    expect(validateDocument('stores', storeV0Document)).toMatchObject({
      ok: false,
      reason: 'schema-invalid',
    });
    const migrated = migrateDocument('stores', storeV0Document, 0);
    expect(migrated).toEqual({
      ok: true,
      value: {
        id: 'store-0042',
        storeId: 'store-0042',
        name: 'Storefloor Zürich HB',
        currency: 'CHF',
        taxMode: 'inclusive',
        taxRounding: 'line',
        // The Swiss 5-rappen rounding the lane applied by default for CHF becomes the store's setting.
        cashRoundingStep: 5,
        timeZone: 'Europe/Zurich',
        businessDayStartHour: 0,
        receiptHeader: '',
        receiptFooter: '',
        languages: ['de-CH'],
        address: 'Bahnhofplatz 15, 8001 Zürich',
        active: true,
        validFrom: 0,
        createdAt: 1_763_900_000_000,
      },
    });
    if (!migrated.ok) return;
    expect(validateDocument('stores', migrated.value).ok).toBe(true);
  });

  it('leaves a current document alone', () => {
    expect(migrateDocument('stores', validDocuments.stores, 1)).toEqual({
      ok: true,
      value: validDocuments.stores,
    });
    expect(validateDocument('stores', validDocuments.stores).ok).toBe(true);
  });

  it('refuses versions from the future, unknown collections and missing strategies', () => {
    expect(migrateDocument('stores', validDocuments.stores, 2)).toMatchObject({ reason: 'version-ahead' });
    expect(migrateDocument('baskets', {}, 0)).toMatchObject({ reason: 'unknown-collection' });
    const noStrategy = { stores: { ...collections.stores, migrationStrategies: {} } as CollectionSpec };
    expect(migrateDocument('stores', storeV0Document, 0, noStrategy)).toMatchObject({
      reason: 'migration-missing',
    });
    expect(migrateDocument('stores', 'x', 0)).toMatchObject({ reason: 'not-an-object' });
  });
});
