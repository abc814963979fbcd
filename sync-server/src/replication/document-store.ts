import type { ReplicatedCollection } from './replicated-collection.js';
import type { PullResponse, PushRow, ReplicationCheckpoint, WireDocument } from './wire.js';

/** Whose view a replication call runs in: a device of one store. */
export interface ReplicationScope {
  readonly storeId: string;
  /** Recorded as the writer of pushed documents. */
  readonly writer: string;
}

export type PushOutcome =
  | { readonly ok: true; readonly conflicts: WireDocument[]; readonly written: number }
  | { readonly ok: false; readonly reason: 'store-forbidden'; readonly detail: string };

/** A document that changed, as the live stream fans it out. */
export interface ChangedDocument {
  readonly storeId: string;
  readonly document: WireDocument;
  readonly checkpoint: ReplicationCheckpoint;
  readonly writtenAt: number;
}

/**
 * The replication store behind the HTTP handlers. The sync server implements it on SQL; the edge agent can
 * implement it on its store replica and serve the same endpoints to lanes.
 */
export interface DocumentStore {
  pull(
    collection: ReplicatedCollection,
    scope: ReplicationScope,
    checkpoint: ReplicationCheckpoint | null,
    batchSize: number,
  ): Promise<PullResponse>;
  /** Applies a push atomically: every row is written or conflicts, or nothing at all is written. */
  push(
    collection: ReplicatedCollection,
    scope: ReplicationScope,
    rows: readonly PushRow[],
  ): Promise<PushOutcome>;
  /** The highest checkpoint sequence the collection has handed out. */
  lastSequence(collection: string): Promise<number>;
  /** Changes after `checkpoint`, every store, for the live fan-out (`limit` + 1 rows tells "more"). */
  changesSince(
    collection: string,
    checkpoint: ReplicationCheckpoint,
    limit: number,
  ): Promise<ChangedDocument[]>;
  /** The newest checkpoint of a collection, or (0, '') when empty. */
  headCheckpoint(collection: string): Promise<ReplicationCheckpoint>;
}
