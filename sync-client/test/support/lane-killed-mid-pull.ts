/**
 * A lane process that replicates stock movements with an upstream on its durable SQLite replica and dies by
 * SIGKILL at the one moment that matters here: RxDB's downstream has committed a pulled document to the
 * collection and is about to commit the replication state that says where it came from (the
 * 'replication-down-write-meta' write). A `kill -9` of a busy lane lands there now and then; this lands there
 * every time. Busy: the lane has its own movement (LANE_OWN, JSON) on the way up over a slow link, so the
 * push checkpoint is still behind the pulled document when the process dies, as it is on a lane that sells.
 * Config in env: LANE_DIR, LANE_URL, LANE_TOKEN, LANE_OWN.
 */
import { collections } from '@storefloor/core';
import { getRxStorageSQLite } from '@storefloor/rxdb-storage-sqlite';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateStorefloorCollection } from '../../src/index.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

const sqlite = getRxStorageSQLite({ directory: String(process.env.LANE_DIR) });
const storage: RxStorage<unknown, unknown> = {
  name: sqlite.name,
  rxdbVersion: sqlite.rxdbVersion,
  async createStorageInstance(params) {
    const instance = await sqlite.createStorageInstance(params as never);
    const write = instance.bulkWrite.bind(instance);
    instance.bulkWrite = (rows, context) => {
      if (context === 'replication-down-write-meta') process.kill(process.pid, 'SIGKILL');
      return write(rows as never, context);
    };
    return instance as never;
  },
};

const db = await createRxDatabase<{ stock_movements: RxCollection }>({
  name: 'lane-replica',
  storage,
  multiInstance: false,
});
await db.addCollections({
  stock_movements: { schema: collections.stock_movements.schema as unknown as RxJsonSchema<unknown> },
});
await db.stock_movements.insert(JSON.parse(String(process.env.LANE_OWN)));
// A slow link for pushes (a second per request): pulls pass at once.
const slowPushes: typeof fetch = async (input, init) => {
  if (String(input).endsWith('/push')) await new Promise((resolve) => setTimeout(resolve, 1_000));
  return fetch(input, init);
};
replicateStorefloorCollection({
  collection: db.stock_movements,
  url: String(process.env.LANE_URL),
  token: String(process.env.LANE_TOKEN),
  waitForLeadership: false,
  fetch: slowPushes,
});
