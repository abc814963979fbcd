import type { ReplicationCheckpoint } from '@storefloor/core';
import type { AgentDatabase } from './agent-database.js';

export interface PendingCount {
  readonly collection: string;
  readonly pending: number;
  /** When the oldest pending document was recorded at the agent (ms), or null. */
  readonly oldestRecordedAt: number | null;
}

/**
 * How far each transaction collection has reached HQ: a cursor in the agent's own sequence. Everything
 * numbered after it is pending. The cursor moves only after HQ answered the push that carried it.
 */
export class Outbox {
  private readonly selectCursor;
  private readonly upsertCursor;
  private readonly countAfter;

  constructor(private readonly db: AgentDatabase) {
    this.selectCursor = db.prepare<[string], { seq: number; id: string }>(
      'SELECT seq, id FROM outbox_cursors WHERE collection = ?',
    );
    this.upsertCursor = db.prepare(
      `INSERT INTO outbox_cursors (collection, seq, id, pushed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection) DO UPDATE SET seq = excluded.seq, id = excluded.id, pushed_at = excluded.pushed_at`,
    );
    this.countAfter = db.prepare<
      [string, number, number, string],
      { pending: number; oldest: number | null }
    >(
      `SELECT count(*) AS pending, min(recorded_at) AS oldest FROM replica_sequence
       WHERE collection = ? AND (seq > ? OR (seq = ? AND id > ?))`,
    );
  }

  cursor(collection: string): ReplicationCheckpoint | null {
    const row = this.selectCursor.get(collection);
    return row ? { sequence: row.seq, id: row.id } : null;
  }

  advance(collection: string, to: ReplicationCheckpoint): void {
    this.upsertCursor.run(collection, to.sequence, to.id, Date.now());
  }

  pending(collection: string): PendingCount {
    const cursor = this.cursor(collection) ?? { sequence: 0, id: '' };
    const row = this.countAfter.get(collection, cursor.sequence, cursor.sequence, cursor.id);
    return { collection, pending: row?.pending ?? 0, oldestRecordedAt: row?.oldest ?? null };
  }

  /** Pending documents per device of one collection (day-end). */
  pendingByDevice(collection: string): Map<string, number> {
    const cursor = this.cursor(collection) ?? { sequence: 0, id: '' };
    const rows = this.db
      .prepare<[string, number, number, string], { device_id: string | null; pending: number }>(
        `SELECT device_id, count(*) AS pending FROM replica_sequence
         WHERE collection = ? AND (seq > ? OR (seq = ? AND id > ?)) GROUP BY device_id`,
      )
      .all(collection, cursor.sequence, cursor.sequence, cursor.id);
    return new Map(rows.map((row) => [row.device_id ?? '', row.pending]));
  }
}
