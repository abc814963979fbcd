import { type CollectionDocuments, type CollectionName, collectionNames, collections } from '@storefloor/core';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { ownDocumentsWin } from '@storefloor/sync-client';

// Core's schemas carry versions and migration strategies (stores is at version 1).
addRxPlugin(RxDBMigrationSchemaPlugin);

export type LaneCollections = { [K in CollectionName]: RxCollection<CollectionDocuments[K]> };
export type LaneDatabase = RxDatabase<LaneCollections>;

/**
 * The lane's replica: every replicated collection of core's registry (all 13, RxDB's open-source limit), on
 * Dexie over IndexedDB in the renderer. Tests and benchmarks pass another storage (RxDB's memory storage).
 */
export async function openLaneDatabase(
  name: string,
  storage: RxStorage<unknown, unknown> = getRxStorageDexie(),
  /** This lane's device id: its own transactions win a push conflict unless the upstream's copy is final. */
  deviceId?: string,
): Promise<LaneDatabase> {
  const db = await createRxDatabase<LaneCollections>({ name, storage, multiInstance: false });
  const creators = Object.fromEntries(
    collectionNames.map((n) => [
      n,
      {
        schema: structuredClone(collections[n].schema),
        migrationStrategies: collections[n].migrationStrategies,
        ...(deviceId !== undefined && collections[n].kind === 'transaction' && collections[n].isFinal
          ? { conflictHandler: ownDocumentsWin(deviceId, collections[n].isFinal as (doc: unknown) => boolean) }
          : {}),
      },
    ]),
  ) as unknown as Record<CollectionName, RxCollectionCreator>;
  await db.addCollections(creators);
  return db;
}
