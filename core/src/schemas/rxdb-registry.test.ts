import { addRxPlugin, createRxDatabase, type RxCollectionCreator } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CollectionSpec,
  collections,
  masterCollectionNames,
  transactionCollectionNames,
} from './collections.js';
import { validDocuments } from './fixtures.test-support.js';
import { storesSchema } from './stores.js';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

const creators = (registry: Readonly<Record<string, CollectionSpec>>, names: readonly string[]) =>
  Object.fromEntries(
    names.map((name) => [
      name,
      {
        schema: structuredClone(registry[name]!.schema),
        migrationStrategies: registry[name]!.migrationStrategies,
      },
    ]),
  ) as Record<string, RxCollectionCreator>;

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

async function database(name: string) {
  const db = await createRxDatabase({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    ignoreDuplicate: true,
  });
  open.push(db);
  return db;
}

/** The registry, handed as-is to a real RxDB database with dev-mode checks and RxDB's own ajv validation. */
describe('registry in a real RxDB database', () => {
  // Open-source RxDB allows at most 13 collections open at once in one process (error COL23), fewer than
  // the registry holds, so each kind of collection gets its own database here.
  it.each([masterCollectionNames, transactionCollectionNames])(
    'creates collections %j and stores documents',
    async (...names) => {
      const db = await database(`registry-${names[0]}-${Date.now()}`);
      await db.addCollections(creators(collections, names));
      for (const [name, doc] of Object.entries(validDocuments)) {
        if (!names.includes(name as never)) continue;
        const stored = await db.collections[name]!.insert(structuredClone(doc));
        expect(stored.toJSON()).toMatchObject(doc);
      }
      if (names.includes('stock_movements')) {
        await expect(
          db.collections.stock_movements!.insert({
            ...validDocuments.stock_movements,
            id: 'other',
            quantity: 1.5,
          }),
        ).rejects.toThrow();
      }
    },
  );

  it('runs a migration strategy when a newer schema version opens old data', async () => {
    const name = `migration-${Date.now()}`;
    const v0 = await database(name);
    await v0.addCollections(creators(collections, ['stores']));
    await v0.collections.stores!.insert(structuredClone(validDocuments.stores));
    await v0.close();
    open.splice(0);

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
    const v1 = await database(name);
    await v1.addCollections(creators({ stores: storesV1 }, ['stores']));
    const migrated = await v1.collections.stores!.findOne(validDocuments.stores.id).exec();
    expect(migrated?.toJSON()).toMatchObject({ id: validDocuments.stores.id, taxDisplay: 'inclusive' });
    expect(migrated?.toJSON()).not.toHaveProperty('pricesIncludeTax');
  });
});
