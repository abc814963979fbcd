import { type CollectionName, type CollectionSpec, collectionNames, collections } from '@storefloor/core';
import { getRxStorageSQLite } from '@storefloor/rxdb-storage-sqlite';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type ReplicaCollections = Record<CollectionName, RxCollection>;
export type StoreReplica = RxDatabase<ReplicaCollections>;

export interface StoreReplicaOptions {
  /** Folder of the replica file `<directory>/store-replica.sqlite`. */
  readonly directory: string;
  /** Hard cap on the replica file (storage-sqlite `maxDatabaseSizeBytes`): beyond it writes fail `disk-full`. */
  readonly maxDatabaseSizeBytes?: number;
}

export const REPLICA_DATABASE_NAME = 'store-replica';

/**
 * The store replica: every replicated collection of @storefloor/core (all 13, RxDB's open-source limit) in
 * one durable SQLite file. synchronous FULL: a write resolved to a lane is on disk, whatever happens next.
 */
export async function openStoreReplica(options: StoreReplicaOptions): Promise<StoreReplica> {
  const db = await createRxDatabase<ReplicaCollections>({
    name: REPLICA_DATABASE_NAME,
    storage: getRxStorageSQLite({
      directory: options.directory,
      synchronous: 'FULL',
      // The agent reads a document about once per lane pull, in sequence order: a large cache of decoded
      // documents per collection (storage-sqlite's default is 10,000) costs memory and saves little here.
      documentCacheSize: 1_000,
      ...(options.maxDatabaseSizeBytes ? { maxDatabaseSizeBytes: options.maxDatabaseSizeBytes } : {}),
    }),
    multiInstance: false,
    eventReduce: true,
  });
  try {
    const creators: Record<string, RxCollectionCreator> = {};
    for (const name of collectionNames) {
      const spec = collections[name] as CollectionSpec;
      creators[name] = {
        schema: structuredClone(spec.schema) as RxCollectionCreator['schema'],
        migrationStrategies: spec.migrationStrategies,
      };
    }
    await db.addCollections(creators);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
