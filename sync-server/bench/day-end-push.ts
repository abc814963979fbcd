import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { collections } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addRxPlugin, createRxDatabase, randomToken } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { migrate } from '../src/db/migrations.js';
import {
  BENCH_POSTGRES_URL,
  type BenchDatabase,
  openBenchDatabase,
  openBenchPglite,
} from './bench-database.js';
import { benchSale } from './bench-documents.js';
import { startBenchServer } from './bench-server.js';
import { round } from './initial-pull.js';

// Core's sales schema is at version 1 (suspended baskets, coupons): RxDB runs its migration strategies.
addRxPlugin(RxDBMigrationSchemaPlugin);

const PUSH_BATCH = 500;

interface Row {
  collection: string;
  id: string;
  storeId: string;
  isFinal: boolean;
  data: Record<string, unknown>;
}

/** CSV field: quoted, inner quotes doubled (PostgreSQL COPY … CSV). */
const csv = (value: string): string => `"${value.replaceAll('"', '""')}"`;

const COPY_COLUMNS = '(collection, id, store_id, seq, deleted, is_final, data, written_by)';

function csvLines(rows: readonly Row[]): string[] {
  return rows.map(
    (row) =>
      `${row.collection},${csv(row.id)},${csv(row.storeId)},1,false,${row.isFinal},${csv(JSON.stringify(row.data))},lane-1\n`,
  );
}

/** Migration 101's `(written_by, written_at)` index, whatever name `LIKE … INCLUDING ALL` gave its copy. */
const WRITER_INDEX_OF = `SELECT indexname FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = $1 AND indexdef LIKE '%(written_by, written_at)%'`;

/**
 * One COPY of `rows` into an empty table shaped and indexed like `documents` (without the writer index when
 * `writerIndex` is false): PostgreSQL's fastest bulk load, the floor any push path can approach.
 * PostgreSQL: COPY … FROM STDIN over the wire, into a `LIKE documents INCLUDING ALL` table of the run's schema.
 * PGlite: COPY … FROM '/dev/blob' (PGlite's in-process COPY input) into `documents` of a fresh PGlite, in its
 * own data folder on the same disk, migrated like the pushed one.
 */
async function copyLoad(bench: BenchDatabase, rows: readonly Row[], writerIndex: boolean): Promise<number> {
  const lines = csvLines(rows);
  if (bench.db.kind === 'postgres') {
    const table = `documents_copy_${randomToken(6).toLowerCase()}`;
    await bench.db.query(`CREATE TABLE ${table} (LIKE documents INCLUDING ALL)`);
    if (!writerIndex) {
      const { rows: found } = await bench.db.query<{ indexname: string }>(WRITER_INDEX_OF, [table]);
      for (const index of found) await bench.db.query(`DROP INDEX ${index.indexname}`);
    }
    const client = new pg.Client({
      connectionString: BENCH_POSTGRES_URL,
      options: `-c search_path=${bench.schema}`,
    });
    await client.connect();
    try {
      const started = performance.now();
      await pipeline(
        Readable.from(lines),
        client.query(copyFrom(`COPY ${table} ${COPY_COLUMNS} FROM STDIN WITH (FORMAT csv)`)),
      );
      return performance.now() - started;
    } finally {
      await client.end();
      await bench.db.query(`DROP TABLE ${table}`);
    }
  }
  const fresh = await openBenchPglite();
  try {
    await migrate(fresh.db);
    if (!writerIndex) await fresh.db.query('DROP INDEX hq_documents_writer');
  } finally {
    await fresh.db.close();
  }
  const raw = await PGlite.create(fresh.dataDir);
  try {
    const started = performance.now();
    await raw.query(`COPY documents ${COPY_COLUMNS} FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob(lines),
    });
    return performance.now() - started;
  } finally {
    await raw.close();
    await fresh.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Baseline, and what migration 101's `(written_by, written_at)` index costs every write: COPY of the same rows
 * with and without that index, alternated three times each (medians), in the same run.
 */
interface Baseline {
  readonly name: string;
  readonly ms: number;
  readonly runsMs: number[];
  readonly writerIndexCost: Record<string, unknown>;
}

async function baselineLoad(bench: BenchDatabase, rows: readonly Row[]): Promise<Baseline> {
  const withIndex: number[] = [];
  const withoutIndex: number[] = [];
  for (let i = 0; i < 3; i++) {
    withIndex.push(await copyLoad(bench, rows, true));
    withoutIndex.push(await copyLoad(bench, rows, false));
  }
  const ms = median(withIndex);
  const msWithoutWriterIndex = median(withoutIndex);
  return {
    name:
      bench.db.kind === 'postgres'
        ? 'COPY … FROM STDIN (CSV) of the same rows into an empty table with the same indexes (median of 3)'
        : "PGlite COPY … FROM '/dev/blob' (CSV) of the same rows into an empty, migrated PGlite on the same disk (median of 3)",
    ms: Math.round(ms),
    runsMs: withIndex.map(Math.round),
    writerIndexCost: {
      index: 'documents (written_by, written_at), migration 101',
      copyWithoutItMs: Math.round(msWithoutWriterIndex),
      runsWithoutItMs: withoutIndex.map(Math.round),
      share: round((ms - msWithoutWriterIndex) / ms),
    },
  };
}

/**
 * The same documents pushed over HTTP without RxDB — 500 per request, the two collections side by side as the
 * two replications do — into a fresh database of the same engine: the protocol and server cost alone
 * (validation, rules, SQL), without the client's own work, which shares the one CPU thread with PGlite.
 */
async function httpPushWithoutRxdb(
  kind: 'pglite' | 'postgres',
  storeId: string,
  byCollection: Record<'sales' | 'stock_movements', Record<string, unknown>[]>,
): Promise<number> {
  const fresh = await openBenchDatabase(kind);
  const server = await startBenchServer(fresh.db);
  try {
    const device = await server.enroll(storeId);
    // A lane writes only its own documents: the same documents, made by this fresh server's device.
    const owned = {
      sales: byCollection.sales.map((doc) => ({ ...doc, deviceId: device.deviceId })),
      stock_movements: byCollection.stock_movements.map((doc) => ({ ...doc, deviceId: device.deviceId })),
    };
    const started = performance.now();
    await Promise.all(
      (['sales', 'stock_movements'] as const).map(async (collection) => {
        const docs = owned[collection];
        for (let start = 0; start < docs.length; start += PUSH_BATCH) {
          const rows = docs
            .slice(start, start + PUSH_BATCH)
            .map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));
          const response = await fetch(`${server.base}/sync/${collection}/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(rows),
          });
          const conflicts = (await response.json()) as unknown[];
          if (response.status !== 200 || conflicts.length > 0) {
            throw new Error(
              `raw push answered ${response.status}: ${JSON.stringify(conflicts).slice(0, 200)}`,
            );
          }
        }
      }),
    );
    return performance.now() - started;
  } finally {
    await server.app.close();
    await fresh.close();
  }
}

/** Figure 2: a lane's day-end push of its sales with their lines and stock movements. */
export async function benchDayEndPush(
  bench: BenchDatabase,
  saleCount: number,
): Promise<Record<string, unknown>> {
  const server = await startBenchServer(bench.db);
  const rxdb = await createRxDatabase({
    name: `bench${randomToken(8)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  try {
    const device = await server.enroll('bench-day-end');
    const local = await rxdb.addCollections({
      sales: {
        schema: collections.sales.schema as never,
        migrationStrategies: collections.sales.migrationStrategies,
      },
      stock_movements: { schema: collections.stock_movements.schema as never },
    });
    const sales: Record<string, unknown>[] = [];
    const movements: Record<string, unknown>[] = [];
    for (let i = 0; i < saleCount; i++) {
      const generated = benchSale(device.storeId, device.deviceId, i);
      sales.push(generated.sale);
      movements.push(...generated.movements);
    }
    await local.sales.bulkInsert(sales);
    await local.stock_movements.bulkInsert(movements);

    const started = performance.now();
    const replications = (['sales', 'stock_movements'] as const).map((name) =>
      replicateStorefloorCollection({
        collection: local[name],
        url: server.base,
        token: device.token,
        live: false,
        batchSize: PUSH_BATCH,
        waitForLeadership: false,
      }),
    );
    await Promise.all(replications.map((replication) => replication.awaitInitialReplication()));
    const pushMs = performance.now() - started;
    await Promise.all(replications.map((replication) => replication.cancel()));
    const { rows } = await bench.db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM documents WHERE collection IN ('sales', 'stock_movements')",
    );
    const stored = Number(rows[0]?.n);
    if (stored !== sales.length + movements.length) throw new Error(`server holds ${stored} documents`);

    const rawPushMs = await httpPushWithoutRxdb(bench.db.kind, device.storeId, {
      sales,
      stock_movements: movements,
    });
    const baseline = await baselineLoad(bench, [
      ...sales.map((data) => ({
        collection: 'sales',
        id: String(data.id),
        storeId: device.storeId,
        isFinal: true,
        data,
      })),
      ...movements.map((data) => ({
        collection: 'stock_movements',
        id: String(data.id),
        storeId: device.storeId,
        isFinal: true,
        data,
      })),
    ]);
    return {
      sales: sales.length,
      saleLines: sales.length * 3,
      stockMovements: movements.length,
      documents: sales.length + movements.length,
      pushBatchSize: PUSH_BATCH,
      goal: { pushMs: 10_000, ratioToBaseline: 3 },
      pushMs: Math.round(pushMs),
      storage: bench.storage,
      baseline,
      ratioToBaseline: round(pushMs / baseline.ms),
      httpPushWithoutRxdbMs: Math.round(rawPushMs),
      httpPushRatioToBaseline: round(rawPushMs / baseline.ms),
      meetsGoal: pushMs <= 10_000 && pushMs / baseline.ms <= 3,
    };
  } finally {
    await rxdb.close();
    await server.app.close();
  }
}
