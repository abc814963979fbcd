import type { ReplicationCheckpoint } from '@storefloor/core';
import { collectionNames } from '@storefloor/core';
import { getChangedDocumentsSince, type RxDocumentData, type RxStorageDefaultCheckpoint } from 'rxdb';
import { Subject, type Subscription } from 'rxjs';
import type { AgentDatabase } from '../state/agent-database.js';
import type { StoreReplica } from './store-replica.js';

/** A document as the sequencer sees it: RxDB's stored form. */
type StoredDocument = RxDocumentData<Record<string, unknown>>;

export interface SequencedEntry {
  readonly id: string;
  readonly seq: number;
}

/** Documents that got a new sequence, in sequence order; the last one is the collection's new head. */
export interface SequencedChange {
  readonly collection: string;
  readonly entries: readonly SequencedEntry[];
}

export interface SequenceRow {
  readonly id: string;
  readonly seq: number;
}

export interface ReplicaSequencerOptions {
  /**
   * How far before the last sequenced RxDB write time the start-up reconciliation looks for writes that
   * reached the replica but not the sequence (a crash between the two). Covers the machine's clock jumping
   * back by less than this. Default 48 hours.
   */
  readonly reconcileMarginMs?: number;
}

const RECONCILE_BATCH = 1_000;

/**
 * Numbers every write to the replica with the agent's own sequence, per collection (ARCHITECTURE.md §3:
 * ordering never relies on device clocks). Lanes' pull checkpoints and the HQ outbox are positions in it.
 *
 * A document gets a new number whenever its revision changes, from whichever writer: the lane push handler
 * (which records before it answers) and RxDB's replication from HQ (recorded from the change stream).
 * The replica and this table are two files, so a crash can fall between a replica commit and its number;
 * at start `reconcile()` re-reads the replica's writes since the last numbered write time (minus a margin)
 * and numbers any revision the table does not have. Re-numbering a document only makes lanes pull it again.
 */
export class ReplicaSequencer {
  readonly changes$ = new Subject<SequencedChange>();
  private readonly subscriptions: Subscription[] = [];
  private readonly reconcileMarginMs: number;
  /** Set when recording failed (disk full, damaged file): status shows it, the next start reconciles. */
  failure: Error | undefined;

  private readonly selectRevs;
  private readonly upsert;
  private readonly selectHead;
  private readonly upsertHead;
  private readonly selectAfter;
  private readonly selectAfterForStore;

  constructor(
    private readonly db: AgentDatabase,
    private readonly replica: StoreReplica,
    options: ReplicaSequencerOptions = {},
  ) {
    this.reconcileMarginMs = options.reconcileMarginMs ?? 48 * 3_600_000;
    this.selectRevs = db.prepare<[string, string], { id: string; rev: string }>(
      'SELECT id, rev FROM replica_sequence WHERE collection = ? AND id IN (SELECT value FROM json_each(?))',
    );
    this.upsert = db.prepare(
      `INSERT INTO replica_sequence (collection, id, seq, rev, store_id, device_id, recorded_at)
       VALUES (@collection, @id, @seq, @rev, @storeId, @deviceId, @recordedAt)
       ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, rev = excluded.rev,
         store_id = excluded.store_id, device_id = excluded.device_id, recorded_at = excluded.recorded_at`,
    );
    this.selectHead = db.prepare<[string], { last_seq: number; lwt_watermark: number }>(
      'SELECT last_seq, lwt_watermark FROM collection_heads WHERE collection = ?',
    );
    this.upsertHead = db.prepare(
      `INSERT INTO collection_heads (collection, last_seq, lwt_watermark) VALUES (?, ?, ?)
       ON CONFLICT (collection) DO UPDATE SET last_seq = excluded.last_seq,
         lwt_watermark = max(collection_heads.lwt_watermark, excluded.lwt_watermark)`,
    );
    this.selectAfter = db.prepare<[string, number, number, string, number], SequenceRow>(
      `SELECT id, seq FROM replica_sequence WHERE collection = ? AND (seq > ? OR (seq = ? AND id > ?))
       ORDER BY seq, id LIMIT ?`,
    );
    this.selectAfterForStore = db.prepare<[string, number, number, string, string, number], SequenceRow>(
      `SELECT id, seq FROM replica_sequence WHERE collection = ? AND (seq > ? OR (seq = ? AND id > ?))
         AND store_id IN (?, '*')
       ORDER BY seq, id LIMIT ?`,
    );
  }

  /**
   * Reconciles every collection with the replica (unless the last run stopped cleanly, when both files are
   * known to agree), then follows the replica's change streams.
   */
  async start(): Promise<void> {
    const clean = this.db
      .prepare("DELETE FROM agent_identity WHERE key = 'sequencer-stopped-cleanly' RETURNING value")
      .all();
    if (clean.length === 0) for (const name of collectionNames) await this.reconcile(name);
    for (const name of collectionNames) {
      const collection = this.replica.collections[name];
      this.subscriptions.push(
        collection.storageInstance.changeStream().subscribe((bulk) => {
          const documents = bulk.events.map((event) => event.documentData as StoredDocument);
          try {
            this.record(name, documents);
          } catch (error) {
            this.failure = error as Error;
          }
        }),
      );
    }
  }

  /**
   * Numbers the given stored documents whose revision is new; synchronous, one SQLite transaction.
   * Returns the entries it numbered (none for a revision already recorded).
   */
  record(collection: string, documents: readonly StoredDocument[]): SequencedEntry[] {
    if (documents.length === 0) return [];
    const entries = this.db.transaction(() => {
      const ids = documents.map((doc) => String(doc.id));
      const known = new Map(
        this.selectRevs.all(collection, JSON.stringify(ids)).map((row) => [row.id, row.rev]),
      );
      const head = this.selectHead.get(collection);
      let seq = head?.last_seq ?? 0;
      let lwt = 0;
      const now = Date.now();
      const numbered: SequencedEntry[] = [];
      // A bulk can hold the same document twice (two quick writes): keep its last revision only.
      const latest = new Map<string, StoredDocument>();
      for (const doc of documents) latest.set(String(doc.id), doc);
      for (const [id, doc] of latest) {
        lwt = Math.max(lwt, doc._meta.lwt);
        if (known.get(id) === doc._rev) continue;
        seq += 1;
        this.upsert.run({
          collection,
          id,
          seq,
          rev: doc._rev,
          storeId: typeof doc.storeId === 'string' ? doc.storeId : '*',
          deviceId: typeof doc.deviceId === 'string' ? doc.deviceId : null,
          recordedAt: now,
        });
        numbered.push({ id, seq });
      }
      if (numbered.length > 0 || !head) this.upsertHead.run(collection, seq, lwt);
      return numbered;
    })();
    this.failure = undefined;
    if (entries.length > 0) this.changes$.next({ collection, entries });
    return entries;
  }

  /** Numbers every replica write since the last numbered write time (minus the margin) that has no number. */
  async reconcile(collection: string): Promise<number> {
    const storage = this.replica.collections[collection as keyof StoreReplica['collections']].storageInstance;
    const watermark = this.selectHead.get(collection)?.lwt_watermark ?? 0;
    let checkpoint: RxStorageDefaultCheckpoint | undefined =
      watermark > 0 ? { id: '', lwt: Math.max(0, watermark - this.reconcileMarginMs) } : undefined;
    let numbered = 0;
    for (;;) {
      const page = await getChangedDocumentsSince(storage, RECONCILE_BATCH, checkpoint);
      numbered += this.record(collection, page.documents as StoredDocument[]).length;
      if (page.documents.length < RECONCILE_BATCH) return numbered;
      checkpoint = page.checkpoint as RxStorageDefaultCheckpoint;
    }
  }

  lastSequence(collection: string): number {
    return this.selectHead.get(collection)?.last_seq ?? 0;
  }

  headCheckpoint(collection: string): ReplicationCheckpoint | null {
    const seq = this.lastSequence(collection);
    if (seq === 0) return null;
    const row = this.db
      .prepare<[string, number], { id: string }>(
        'SELECT id FROM replica_sequence WHERE collection = ? AND seq = ?',
      )
      .get(collection, seq);
    return row ? { sequence: seq, id: row.id } : { sequence: seq, id: '' };
  }

  /** Rows after `checkpoint` in sequence order; with `storeId`, only that store's and chain-wide ones. */
  rowsAfter(
    collection: string,
    checkpoint: ReplicationCheckpoint | null,
    limit: number,
    storeId?: string,
  ): SequenceRow[] {
    const from = checkpoint ?? { sequence: 0, id: '' };
    return storeId === undefined
      ? this.selectAfter.all(collection, from.sequence, from.sequence, from.id, limit)
      : this.selectAfterForStore.all(collection, from.sequence, from.sequence, from.id, storeId, limit);
  }

  /** Stops following the replica; call after its last write, before closing it. */
  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.changes$.complete();
    if (this.failure === undefined) {
      this.db
        .prepare(
          "INSERT OR REPLACE INTO agent_identity (key, value) VALUES ('sequencer-stopped-cleanly', '1')",
        )
        .run();
    }
  }
}
