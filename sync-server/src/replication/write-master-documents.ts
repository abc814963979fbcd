import type { Queryable } from '../db/database.js';
import { documentBody } from './document-equality.js';
import { CHAIN_WIDE_STORE } from './replicated-collection.js';
import { commitCollectionSequence, lockCollectionSequence } from './sequence-lock.js';
import { type DocumentWrite, notifyCollectionChanged, upsertDocuments } from './upsert-documents.js';

export interface MasterWriteOptions {
  /** Primary key field of the collection (default `id`). */
  readonly primaryKey?: string;
  /** Recorded as the writer (default `hq`). */
  readonly writer?: string;
}

/**
 * THE way HQ-side code writes master data (products, prices, promotions, …). Call it inside your own
 * `db.transaction` so the write commits with whatever else you record.
 *
 * - Every document gets the same new sequence number of `collection`; readers order by (seq, id).
 * - `_deleted: true` soft-deletes (devices pull the tombstone); anything else upserts the whole document.
 * - `storeId` on a document scopes it to one store; without it the document is chain-wide ('*').
 * - Live streams on every instance are woken when the transaction commits.
 * Holds the collection's sequence lock until commit: keep the transaction short after calling this.
 */
export async function writeMasterDocuments(
  tx: Queryable,
  collection: string,
  docs: readonly Record<string, unknown>[],
  options: MasterWriteOptions = {},
): Promise<{ written: number }> {
  if (docs.length === 0) return { written: 0 };
  const primaryKey = options.primaryKey ?? 'id';
  // One statement cannot upsert a row twice, so a later document with the same id replaces an earlier one.
  const byId = new Map<string, DocumentWrite>();
  for (const doc of docs) {
    const id = doc[primaryKey];
    if (typeof id !== 'string' || id.length === 0) {
      throw new Error(`writeMasterDocuments(${collection}): a document has no string "${primaryKey}"`);
    }
    const storeId =
      typeof doc.storeId === 'string' && doc.storeId.length > 0 ? doc.storeId : CHAIN_WIDE_STORE;
    byId.set(id, { id, storeId, deleted: doc._deleted === true, isFinal: false, body: documentBody(doc) });
  }
  const writes = [...byId.values()];
  const seq = await lockCollectionSequence(tx, collection);
  await upsertDocuments(tx, collection, seq, options.writer ?? 'hq', writes);
  await commitCollectionSequence(tx, collection, seq);
  await notifyCollectionChanged(tx, collection);
  return { written: writes.length };
}
