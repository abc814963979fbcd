import { collections } from '@storefloor/core';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Doc } from './store-documents.js';

// Core's sales schema is at version 1 (suspended baskets, coupons): RxDB runs its migration strategies.
addRxPlugin(RxDBMigrationSchemaPlugin);

type LaneCollections = {
  products: RxCollection<Doc>;
  sales: RxCollection<Doc>;
  stock_movements: RxCollection<Doc>;
};

export interface EnrolledLane {
  readonly deviceId: string;
  readonly storeId: string;
  readonly token: string;
}

/** Enrolls a lane through the agent with a code HQ issued. */
export async function enrollThroughAgent(
  agentUrl: string,
  code: string,
  label: string,
): Promise<EnrolledLane> {
  const response = await fetch(`${agentUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, label }),
  });
  if (response.status !== 201)
    throw new Error(`enroll through the agent: ${response.status} ${await response.text()}`);
  return (await response.json()) as EnrolledLane;
}

let laneNumber = 0;

/**
 * A lane as the POS runs it: RxDB (memory storage here) replicating products, sales and stock movements with
 * the agent through @storefloor/sync-client, live. Three collections per lane: RxDB allows 13 per process.
 */
export class Lane {
  private replications: RxReplicationState<Doc, unknown>[] = [];
  readonly errors: unknown[] = [];

  private constructor(
    readonly db: RxDatabase<LaneCollections>,
    readonly identity: EnrolledLane,
  ) {}

  static async open(identity: EnrolledLane): Promise<Lane> {
    laneNumber += 1;
    const db = await createRxDatabase<LaneCollections>({
      name: `lane-${process.pid}-${laneNumber}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    await db.addCollections({
      products: { schema: collections.products.schema as unknown as RxJsonSchema<Doc> },
      sales: {
        schema: collections.sales.schema as unknown as RxJsonSchema<Doc>,
        migrationStrategies: collections.sales.migrationStrategies,
      },
      stock_movements: { schema: collections.stock_movements.schema as unknown as RxJsonSchema<Doc> },
    });
    return new Lane(db, identity);
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  replicate(url: string): void {
    const common = {
      url,
      token: this.identity.token,
      retryTime: 200,
      waitForLeadership: false,
      backoff: { initialMs: 100, maxMs: 1_000 },
      requestTimeoutMs: 5_000,
    };
    this.replications = [
      replicateStorefloorCollection({ ...common, collection: this.db.products, pullOnly: true }),
      replicateStorefloorCollection({ ...common, collection: this.db.sales }),
      replicateStorefloorCollection({ ...common, collection: this.db.stock_movements }),
    ] as RxReplicationState<Doc, unknown>[];
    for (const replication of this.replications)
      replication.error$.subscribe((error) => this.errors.push(error));
  }

  /** Rings up a sale with its stock movements, as the till writes them into its own replica. */
  async sell(sale: Doc, movements: Doc[]): Promise<void> {
    await this.db.sales.insert(sale);
    if (movements.length > 0) await this.db.stock_movements.bulkInsert(movements);
  }

  /** Resolves when everything this lane wrote has been pushed (acknowledged by the agent). */
  async settled(): Promise<void> {
    await Promise.all(this.replications.map((replication) => replication.awaitInSync()));
  }

  async close(): Promise<void> {
    await Promise.all(this.replications.map((replication) => replication.cancel()));
    await this.db.close();
  }
}
