import type { Database } from '../db/database.js';
import { deviceView } from './device-view.js';
import { documentBody, sameDocumentState } from './document-equality.js';
import type { ChangedDocument, DocumentStore, PushOutcome, ReplicationScope } from './document-store.js';
import { CHAIN_WIDE_STORE, type ReplicatedCollection } from './replicated-collection.js';
import { commitCollectionSequence, lastCollectionSequence, lockCollectionSequence } from './sequence-lock.js';
import { type DocumentWrite, notifyCollectionChanged, upsertDocuments } from './upsert-documents.js';
import type { PullResponse, PushRow, ReplicationCheckpoint, WireDocument } from './wire.js';

interface StoredRow {
  id: string;
  store_id: string;
  seq: number | string;
  deleted: boolean;
  is_final: boolean;
  data: Record<string, unknown>;
  written_at?: Date | string;
}

export function toWireDocument(row: Pick<StoredRow, 'data' | 'deleted'>): WireDocument {
  return { ...row.data, _deleted: row.deleted };
}

function checkpointOf(row: { seq: number | string; id: string }): ReplicationCheckpoint {
  return { sequence: Number(row.seq), id: row.id };
}

export class SqlDocumentStore implements DocumentStore {
  constructor(private readonly db: Database) {}

  async pull(
    collection: ReplicatedCollection,
    scope: ReplicationScope,
    checkpoint: ReplicationCheckpoint | null,
    batchSize: number,
  ): Promise<PullResponse> {
    const from = checkpoint ?? { sequence: 0, id: '' };
    // Transactions: the store's own documents only (served by the (collection, store_id, seq, id) index).
    // Master data: chain-wide rows plus rows meant for this store.
    const storeFilter =
      collection.kind === 'transaction' ? 'store_id = $2' : `store_id IN ($2, '${CHAIN_WIDE_STORE}')`;
    const { rows } = await this.db.query<StoredRow>(
      `SELECT id, seq, deleted, data FROM documents
       WHERE collection = $1 AND ${storeFilter} AND (seq, id) > ($3::bigint, $4::text)
       ORDER BY seq, id LIMIT $5`,
      [collection.name, scope.storeId, from.sequence, from.id, batchSize],
    );
    const last = rows.at(-1);
    return {
      documents: rows.map((row) => deviceView(collection.name, toWireDocument(row))),
      checkpoint: last ? checkpointOf(last) : checkpoint,
    };
  }

  push(
    collection: ReplicatedCollection,
    scope: ReplicationScope,
    rows: readonly PushRow[],
  ): Promise<PushOutcome> {
    return this.db.transaction(async (tx) => {
      const nextSeq = await lockCollectionSequence(tx, collection.name);
      const ids = rows.map((row) => String(row.newDocumentState[collection.primaryKey]));
      // One lookup for the whole batch, AFTER the lock: a concurrent push of the same ids has committed by
      // now and is seen here. The ids travel as one JSON text (see upsert-documents.ts for why not text[]);
      // ARRAY(…) keeps the plan an index scan of the primary key.
      const { rows: existingRows } = await tx.query<StoredRow>(
        `SELECT id, store_id, deleted, is_final, data FROM documents
         WHERE collection = $1 AND id = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
        [collection.name, JSON.stringify(ids)],
      );
      const existing = new Map(existingRows.map((row) => [row.id, row]));
      const conflicts: WireDocument[] = [];
      const writes: DocumentWrite[] = [];
      for (const [i, row] of rows.entries()) {
        const id = ids[i] as string;
        const master = existing.get(id);
        if (master && master.store_id !== scope.storeId) {
          // The id exists in another store (or chain-wide): never reveal or overwrite it.
          return {
            ok: false,
            reason: 'store-forbidden',
            detail: `${collection.name}/${id} belongs to another store`,
          };
        }
        const next = {
          body: documentBody(row.newDocumentState),
          deleted: row.newDocumentState._deleted === true,
        };
        if (master) {
          const current = { body: master.data, deleted: master.deleted };
          if (sameDocumentState(current, next)) continue; // identical re-push: a no-op
          const assumed = row.assumedMasterState;
          const assumedMatches =
            assumed != null &&
            sameDocumentState(current, { body: documentBody(assumed), deleted: assumed._deleted === true });
          if (master.is_final || !assumedMatches) {
            conflicts.push(deviceView(collection.name, toWireDocument(master)));
            continue;
          }
        }
        writes.push({
          id,
          storeId: scope.storeId,
          deleted: next.deleted,
          isFinal: collection.isFinal(next.body),
          body: next.body,
        });
      }
      if (writes.length > 0) {
        await upsertDocuments(tx, collection.name, nextSeq, scope.writer, writes);
        await commitCollectionSequence(tx, collection.name, nextSeq);
        await notifyCollectionChanged(tx, collection.name);
      }
      return { ok: true, conflicts, written: writes.length };
    });
  }

  lastSequence(collection: string): Promise<number> {
    return lastCollectionSequence(this.db, collection);
  }

  async changesSince(
    collection: string,
    checkpoint: ReplicationCheckpoint,
    limit: number,
  ): Promise<ChangedDocument[]> {
    const { rows } = await this.db.query<StoredRow>(
      `SELECT id, store_id, seq, deleted, data, written_at FROM documents
       WHERE collection = $1 AND (seq, id) > ($2::bigint, $3::text)
       ORDER BY seq, id LIMIT $4`,
      [collection, checkpoint.sequence, checkpoint.id, limit + 1],
    );
    return rows.map((row) => ({
      storeId: row.store_id,
      document: deviceView(collection, toWireDocument(row)),
      checkpoint: checkpointOf(row),
      writtenAt: row.written_at ? new Date(row.written_at).getTime() : Date.now(),
    }));
  }

  async headCheckpoint(collection: string): Promise<ReplicationCheckpoint> {
    const { rows } = await this.db.query<StoredRow>(
      'SELECT id, seq FROM documents WHERE collection = $1 ORDER BY seq DESC, id DESC LIMIT 1',
      [collection],
    );
    const head = rows[0];
    return head ? checkpointOf(head) : { sequence: 0, id: '' };
  }
}
