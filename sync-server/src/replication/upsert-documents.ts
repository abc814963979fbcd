import type { Queryable } from '../db/database.js';
import { CHANGES_CHANNEL } from '../notify/channels.js';

/** One document to write with the transaction's sequence number. */
export interface DocumentWrite {
  readonly id: string;
  readonly storeId: string;
  readonly deleted: boolean;
  readonly isFinal: boolean;
  readonly body: Record<string, unknown>;
}

/**
 * Rows per statement. It bounds one statement's parameter (about 1 KiB per document: 5,000 → a few MiB), not
 * the transaction: every chunk is written in the caller's transaction with the same sequence number.
 */
const UPSERT_CHUNK = 5_000;

/**
 * The whole chunk as ONE JSON text parameter, read back by `jsonb_to_recordset`. Why not `unnest` of five
 * parallel arrays: both drivers escape every element of an array parameter in JavaScript (PGlite does it
 * character by character) and the server then parses the array literal before parsing each jsonb; one JSON
 * document is serialised once here and parsed once by the server. Measured on 40,000 sale and stock movement
 * documents: 2.7 s → 1.7 s on PGlite, 1.8 s → 1.2 s on PostgreSQL (bench/day-end-push.ts).
 * Each body is stringified exactly once; the envelope is concatenated around it.
 */
function recordsetJson(writes: readonly DocumentWrite[]): string {
  const parts = writes.map(
    (write) =>
      `{"id":${JSON.stringify(write.id)},"store_id":${JSON.stringify(write.storeId)},"deleted":${write.deleted},"is_final":${write.isFinal},"data":${JSON.stringify(write.body)}}`,
  );
  return `[${parts.join(',')}]`;
}

/** Inserts or replaces `writes` in `collection`, all with sequence `seq`. Call under the collection's sequence lock. */
export async function upsertDocuments(
  tx: Queryable,
  collection: string,
  seq: number,
  writer: string,
  writes: readonly DocumentWrite[],
): Promise<void> {
  for (let start = 0; start < writes.length; start += UPSERT_CHUNK) {
    await tx.query(
      `INSERT INTO documents (collection, id, store_id, seq, deleted, is_final, data, written_by)
       SELECT $1, t.id, t.store_id, $2, t.deleted, t.is_final, t.data, $3
       FROM jsonb_to_recordset($4::jsonb) AS t(id text, store_id text, deleted boolean, is_final boolean, data jsonb)
       ON CONFLICT (collection, id) DO UPDATE SET
         store_id = EXCLUDED.store_id, seq = EXCLUDED.seq, deleted = EXCLUDED.deleted,
         is_final = EXCLUDED.is_final, data = EXCLUDED.data,
         written_by = EXCLUDED.written_by, written_at = now()`,
      [collection, seq, writer, recordsetJson(writes.slice(start, start + UPSERT_CHUNK))],
    );
  }
}

/** Wakes every instance's live streams of `collection`; delivered by PostgreSQL only if the transaction commits. */
export async function notifyCollectionChanged(tx: Queryable, collection: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, collection]);
}
