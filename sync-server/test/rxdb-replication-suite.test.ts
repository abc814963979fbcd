/**
 * RxDB's own conformance suite for replication backends (rxdb/plugins/test-utils,
 * `runReplicationBaseTestSuite`), run against this server through @storefloor/sync-client over real sockets.
 * The suite replicates RxDB's "human" test collection, registered here as a transaction collection of one store.
 */
import type { AddressInfo } from 'node:net';
import { ok } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import { addRxPlugin, type RxCollection } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { coreCollections } from '../src/replication/core-collections.js';
import type { ReplicatedCollection } from '../src/replication/replicated-collection.js';
import { type EnrolledDevice, type Harness, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

// The suite's collections are created with `ignoreDuplicate`, which RxDB allows in dev-mode only.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBAttachmentsPlugin);

// The suite is written for mocha's globals; Vitest's describe/it have the same shape.
Object.assign(globalThis, { describe, it });

setConfig({
  storage: {
    name: 'memory',
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      description: 'memory',
    }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

const SUITE_STORE = 'rxdb-suite';

const humans: ReplicatedCollection = {
  name: 'human',
  kind: 'transaction',
  primaryKey: 'passportId',
  storeIdOf: () => SUITE_STORE,
  isFinal: () => false,
  validate: (document) => ok(document),
};

describe.each(testDatabases)('RxDB replication base test suite on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let base: string;
  let device: EnrolledDevice;

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db, { collections: [...coreCollections(), humans] });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    device = await h.enroll(SUITE_STORE);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const replicate = (collection: RxCollection, live: boolean) =>
    replicateStorefloorCollection({
      collection,
      url: base,
      token: device.token,
      live,
      batchSize: 50,
      retryTime: 100,
      waitForLeadership: false,
      backoff: { initialMs: 20, maxMs: 200 },
    });

  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection, true),
    async syncOnce(collection) {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    // The server replicates documents, not attachment blobs: RxDB's "attachments disabled" case applies.
    async syncOnceWithAttachmentsDisabled(collection) {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    async getAllServerDocs() {
      const { rows } = await db.query<{ data: Record<string, unknown>; deleted: boolean }>(
        "SELECT data, deleted FROM documents WHERE collection = 'human' ORDER BY seq, id",
      );
      return rows.map((row) => ({ ...row.data, _deleted: row.deleted }));
    },
    async cleanUpServer() {
      await db.query("DELETE FROM documents WHERE collection = 'human'");
    },
    softDeletes: true,
    isDeleted: (doc) => doc._deleted === true,
    getPrimaryOfServerDoc: (doc) => doc.passportId,
  });
});
