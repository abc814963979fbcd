import type { CollectionSpec } from './collections.js';
import { currencyProperty, epochMsProperty, idProperty } from './conventions.js';
import type { StoreDocV0 } from './stores.js';

/**
 * The stores collection as release 0 shipped it (one document per store, edited in place), so tests can
 * open real version-0 data and watch the registry's migration strategy lift it.
 */
export const storesV0: CollectionSpec = {
  name: 'stores',
  kind: 'master',
  schema: {
    title: 'stores',
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: idProperty,
      storeId: idProperty,
      name: { type: 'string', maxLength: 200 },
      currency: currencyProperty,
      timeZone: { type: 'string', maxLength: 64 },
      locale: { type: 'string', maxLength: 35 },
      pricesIncludeTax: { type: 'boolean' },
      address: { type: 'string', maxLength: 500 },
      active: { type: 'boolean' },
      updatedAt: epochMsProperty,
    },
    required: [
      'id',
      'storeId',
      'name',
      'currency',
      'timeZone',
      'locale',
      'pricesIncludeTax',
      'address',
      'active',
      'updatedAt',
    ],
    additionalProperties: false,
    indexes: ['storeId'],
  },
  migrationStrategies: {},
};

export const storeV0Document: StoreDocV0 = {
  id: 'store-0042',
  storeId: 'store-0042',
  name: 'Storefloor Zürich HB',
  currency: 'CHF',
  timeZone: 'Europe/Zurich',
  locale: 'de-CH',
  pricesIncludeTax: true,
  address: 'Bahnhofplatz 15, 8001 Zürich',
  active: true,
  updatedAt: 1_763_900_000_000,
};
