import { collections } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import { createRxDatabase, randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { writeMasterDocuments } from '../src/replication/write-master-documents.js';
import type { BenchDatabase } from './bench-database.js';
import { benchProduct } from './bench-documents.js';
import { startBenchServer } from './bench-server.js';

const PULL_BATCH = 500;

/** Figure 1: a fresh RxDB client pulls the whole catalogue through sync-client. */
export async function benchInitialPull(
  bench: BenchDatabase,
  count: number,
): Promise<Record<string, unknown>> {
  const products = Array.from({ length: count }, (_, i) => benchProduct(i));
  let started = performance.now();
  await bench.db.transaction((tx) => writeMasterDocuments(tx, 'products', products));
  const hqImportMs = performance.now() - started;

  const server = await startBenchServer(bench.db);
  try {
    const device = await server.enroll('bench-store');

    // Baseline 1: the same rows read straight from the database, in checkpoint order.
    started = performance.now();
    const { rows } = await bench.db.query(
      "SELECT id, seq, deleted, data FROM documents WHERE collection = 'products' ORDER BY seq, id",
    );
    const sqlReadMs = performance.now() - started;
    if (rows.length !== count) throw new Error(`SQL baseline read ${rows.length} rows`);

    // Baseline 2: the same pulls over HTTP without RxDB (protocol + server cost only).
    started = performance.now();
    let checkpoint: unknown = null;
    let pulled = 0;
    for (;;) {
      const response = await fetch(`${server.base}/sync/products/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify({ checkpoint, batchSize: PULL_BATCH }),
      });
      const body = (await response.json()) as { documents: unknown[]; checkpoint: unknown };
      pulled += body.documents.length;
      checkpoint = body.checkpoint;
      if (body.documents.length < PULL_BATCH) break;
    }
    const httpPullMs = performance.now() - started;
    if (pulled !== count) throw new Error(`HTTP baseline pulled ${pulled}`);

    const rxdb = await createRxDatabase({
      name: `bench${randomToken(8)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    try {
      const { products: localProducts } = await rxdb.addCollections({
        products: { schema: collections.products.schema as never },
      });
      started = performance.now();
      const replication = replicateStorefloorCollection({
        collection: localProducts,
        url: server.base,
        token: device.token,
        live: false,
        pullOnly: true,
        batchSize: PULL_BATCH,
        waitForLeadership: false,
      });
      await replication.awaitInitialReplication();
      const rxdbPullMs = performance.now() - started;
      const local = await localProducts.count().exec();
      await replication.cancel();
      if (local !== count) throw new Error(`RxDB client holds ${local} products, expected ${count}`);
      return {
        documents: count,
        batchSize: PULL_BATCH,
        goal: { rxdbPullMs: 20_000 },
        rxdbPullMs: Math.round(rxdbPullMs),
        meetsGoal: rxdbPullMs <= 20_000,
        baseline: {
          name: 'SQL SELECT of the same rows in checkpoint order (same database, same run)',
          ms: Math.round(sqlReadMs),
        },
        ratioToBaseline: round(rxdbPullMs / sqlReadMs),
        httpPullWithoutRxdbMs: Math.round(httpPullMs),
        ratioToHttpPull: round(rxdbPullMs / httpPullMs),
        hqImportViaWriteMasterDocumentsMs: Math.round(hqImportMs),
      };
    } finally {
      await rxdb.close();
    }
  } finally {
    await server.app.close();
  }
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
