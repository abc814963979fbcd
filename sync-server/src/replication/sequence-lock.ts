import type { Queryable } from '../db/database.js';

/**
 * Locks the collection's sequence row until the transaction ends and returns the next sequence number.
 *
 * Why a row lock and not a plain SEQUENCE: with a sequence, a transaction can take 41, another 42 and commit
 * first; a puller that reads 42 moves its checkpoint past 41, which then commits and is never pulled (the race
 * of RxDB issue 5571). Holding this lock to commit makes sequence order equal commit order per collection,
 * so every row below a checkpoint a reader has seen is already visible.
 */
export async function lockCollectionSequence(tx: Queryable, collection: string): Promise<number> {
  await tx.query(
    'INSERT INTO collection_sequences (collection) VALUES ($1) ON CONFLICT (collection) DO NOTHING',
    [collection],
  );
  const { rows } = await tx.query<{ last_seq: number | string }>(
    'SELECT last_seq FROM collection_sequences WHERE collection = $1 FOR UPDATE',
    [collection],
  );
  return Number(rows[0]?.last_seq ?? 0) + 1;
}

/** Records `seq` as used; call once rows were written with it, in the same transaction. */
export async function commitCollectionSequence(
  tx: Queryable,
  collection: string,
  seq: number,
): Promise<void> {
  await tx.query('UPDATE collection_sequences SET last_seq = $2 WHERE collection = $1', [collection, seq]);
}

/** The highest sequence handed out in `collection` (0 when none). */
export async function lastCollectionSequence(db: Queryable, collection: string): Promise<number> {
  const { rows } = await db.query<{ last_seq: number | string }>(
    'SELECT last_seq FROM collection_sequences WHERE collection = $1',
    [collection],
  );
  return Number(rows[0]?.last_seq ?? 0);
}
