import {
  type CollectionSpec,
  checkPushSize,
  collections,
  isCollectionName,
  type ReplicationCheckpoint,
  type ReplicationLimits,
  sameDocument,
  validateAgainst,
} from '@storefloor/core';
import type { BulkWriteRow, RxDocumentData } from 'rxdb';
import type { EdgeErrorCode } from '../errors/edge-error-catalog.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import type { ReplicaHealth } from './replica-health.js';
import type { ReplicaSequencer } from './replica-sequencer.js';
import type { StoreReplica } from './store-replica.js';
import { documentBody, toWireDocument } from './wire-document.js';

type Doc = Record<string, unknown>;

/** The lane a replication call runs for, as its token says. */
export interface LaneScope {
  readonly deviceId: string;
  readonly storeId: string;
}

export interface PushRow {
  readonly assumedMasterState?: Doc | null;
  readonly newDocumentState: Doc;
}

export type LaneFailure = { readonly ok: false; readonly code: EdgeErrorCode; readonly detail: string };
export type PullOutcome =
  | { readonly ok: true; readonly documents: Doc[]; readonly checkpoint: ReplicationCheckpoint | null }
  | LaneFailure;
export type PushOutcome =
  | { readonly ok: true; readonly conflicts: Doc[]; readonly written: number }
  | LaneFailure;

/** What the LAN server needs of the replica; `LaneDocumentStore`, or a refusal while the replica is unusable. */
export interface LaneDocuments {
  pull(
    name: string,
    lane: LaneScope,
    checkpoint: ReplicationCheckpoint | null,
    batchSize: number,
  ): Promise<PullOutcome>;
  push(name: string, lane: LaneScope, rows: readonly PushRow[]): Promise<PushOutcome>;
}

/** The replica could not be opened (damaged file, full disk): every sync call is refused, naming the file. */
export function refusingLaneDocuments(detail: string): LaneDocuments {
  const refusal = async (): Promise<LaneFailure> => fail('replica-unavailable', detail);
  return { pull: refusal, push: refusal };
}

const fail = (code: EdgeErrorCode, detail: string): LaneFailure => ({ ok: false, code, detail });

function specOf(name: string): CollectionSpec | undefined {
  return isCollectionName(name) ? (collections[name] as CollectionSpec) : undefined;
}

function hasDeviceId(spec: CollectionSpec): boolean {
  return Object.hasOwn(spec.schema.properties, 'deviceId');
}

/**
 * The lane side of the replication protocol on the store replica, with HQ's rules (sync-server README):
 * master data pull-only, a completed transaction immutable (an identical re-push is a no-op, a changed one
 * a conflict answered with the stored state), a lane's own store only, and its own `deviceId` only. A push is
 * checked whole before anything is written; its writes are one replica transaction, numbered before the answer.
 */
export class LaneDocumentStore implements LaneDocuments {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly replica: StoreReplica,
    private readonly sequencer: ReplicaSequencer,
    private readonly health: ReplicaHealth,
    private readonly limits: ReplicationLimits,
  ) {}

  async pull(
    name: string,
    lane: LaneScope,
    checkpoint: ReplicationCheckpoint | null,
    batchSize: number,
  ): Promise<PullOutcome> {
    const spec = specOf(name);
    if (!spec) return fail('unknown-collection', name);
    if (batchSize > this.limits.maxBatchSize) {
      return fail('batch-too-large', `batchSize ${batchSize}; at most ${this.limits.maxBatchSize}`);
    }
    if (checkpoint && checkpoint.sequence > this.sequencer.lastSequence(name)) {
      return fail('checkpoint-from-future', `seq ${checkpoint.sequence}`);
    }
    const rows = this.sequencer.rowsAfter(name, checkpoint, batchSize, lane.storeId);
    const last = rows.at(-1);
    if (!last) return { ok: true, documents: [], checkpoint };
    const stored = await this.storage(name).findDocumentsById(
      rows.map((row) => row.id),
      true,
    );
    const byId = new Map(stored.map((doc) => [String(doc.id), doc]));
    const documents: Doc[] = [];
    for (const row of rows) {
      const doc = byId.get(row.id);
      // Master data of another store never reaches the agent; this is a second fence for transactions.
      if (doc && (spec.kind === 'master' || doc.storeId === lane.storeId))
        documents.push(toWireDocument(doc));
    }
    return { ok: true, documents, checkpoint: { sequence: last.seq, id: last.id } };
  }

  async push(name: string, lane: LaneScope, rows: readonly PushRow[]): Promise<PushOutcome> {
    const spec = specOf(name);
    if (!spec) return fail('unknown-collection', name);
    const refused = this.check(spec, lane, rows);
    if (refused) return refused;
    return this.mutex.run(name, () => this.apply(spec, rows));
  }

  private check(spec: CollectionSpec, lane: LaneScope, rows: readonly PushRow[]): LaneFailure | undefined {
    if (spec.kind === 'master') return fail('master-data-read-only', `${spec.name} is master data`);
    const size = checkPushSize(rows, this.limits);
    if (!size.ok) {
      return fail(
        size.reason === 'batch-size' ? 'batch-too-large' : 'document-too-large',
        `${size.path ?? ''} ${size.detail ?? ''}`.trim(),
      );
    }
    const seen = new Set<string>();
    const ownDevice = hasDeviceId(spec);
    for (const [index, row] of rows.entries()) {
      const body = documentBody(row.newDocumentState);
      const id = body.id;
      if (typeof id !== 'string' || id.length === 0)
        return fail('invalid-document', `row ${index}: no string id`);
      if (seen.has(id)) return fail('duplicate-document', `row ${index}: ${id} appears twice`);
      seen.add(id);
      const valid = validateAgainst(spec, body);
      if (!valid.ok) return fail('invalid-document', `row ${index} (${id}): ${valid.detail ?? valid.reason}`);
      if (body.storeId !== lane.storeId) {
        return fail('store-forbidden', `row ${index} (${id}) belongs to store ${String(body.storeId)}`);
      }
      if (ownDevice && body.deviceId !== lane.deviceId) {
        return fail(
          'device-forbidden',
          `row ${index} (${id}) carries deviceId ${String(body.deviceId)}, the lane is ${lane.deviceId}`,
        );
      }
    }
    return undefined;
  }

  private async apply(spec: CollectionSpec, rows: readonly PushRow[]): Promise<PushOutcome> {
    const storage = this.storage(spec.name);
    const ids = rows.map((row) => String(row.newDocumentState.id));
    let existing: RxDocumentData<Doc>[];
    try {
      existing = await storage.findDocumentsById(ids, true);
    } catch (error) {
      const problem = this.health.fail(error);
      return fail('replica-unavailable', `${problem.code}: ${problem.file ?? problem.message}`);
    }
    const current = new Map(existing.map((doc) => [String(doc.id), doc]));
    const conflicts: Doc[] = [];
    const writes: BulkWriteRow<Doc>[] = [];
    for (const row of rows) {
      const id = String(row.newDocumentState.id);
      const master = current.get(id);
      const body = documentBody(row.newDocumentState);
      const deleted = row.newDocumentState._deleted === true;
      if (master) {
        if (master.storeId !== body.storeId)
          return fail('store-forbidden', `${spec.name}/${id} belongs to another store`);
        const masterBody = documentBody(master);
        if (master._deleted === deleted && sameDocument(masterBody, body)) continue; // identical re-push
        const assumed = row.assumedMasterState;
        const assumedMatches =
          assumed != null &&
          (assumed._deleted === true) === master._deleted &&
          sameDocument(documentBody(assumed), masterBody);
        if (spec.isFinal?.(masterBody) || !assumedMatches) {
          conflicts.push(toWireDocument(master));
          continue;
        }
      }
      writes.push({
        ...(master ? { previous: master } : {}),
        document: {
          ...body,
          _deleted: deleted,
          _attachments: {},
          _meta: { lwt: 0 },
          _rev: '',
        } as RxDocumentData<Doc>,
      });
    }
    if (writes.length > 0) {
      try {
        const result = await storage.bulkWrite(writes, 'storefloor-lane-push');
        if (result.error.length > 0) {
          // Only this class writes transactions and it holds the collection's lock: a conflict here is a bug.
          throw new Error(`replica refused a lane push: ${JSON.stringify(result.error[0])}`);
        }
        const written = await storage.findDocumentsById(
          writes.map((write) => String(write.document.id)),
          true,
        );
        this.sequencer.record(spec.name, written);
        this.health.recovered();
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('replica refused')) throw error;
        const problem = this.health.fail(error);
        return fail('replica-unavailable', `${problem.code}: ${problem.file ?? problem.message}`);
      }
    }
    return { ok: true, conflicts, written: writes.length };
  }

  private storage(name: string) {
    return this.replica.collections[name as keyof StoreReplica['collections']].storageInstance;
  }
}
