import { createHash } from 'node:crypto';

/** The transaction collections a business day is confirmed by: those whose documents carry `businessDay`. */
export const DAY_COLLECTIONS = ['sales', 'shifts', 'cash_movements'] as const;
export type DayCollection = (typeof DAY_COLLECTIONS)[number];

export interface DayDigest {
  readonly count: number;
  /** sha-256 hex of the lines `<id> <status>` (status '' when the document has none), sorted, each ended by \n. */
  readonly digest: string;
}

/**
 * The fingerprint of one collection's documents of a business day, computed the same way at the agent and at
 * HQ (sync-server `src/reports/store-day-receipt.ts`), so "everything arrived, in its final state" is a
 * comparison of two values rather than a guess. The status is part of it: a sale that HQ holds as open but
 * the store completed is not confirmed.
 */
export function dayDigest(documents: readonly Readonly<Record<string, unknown>>[]): DayDigest {
  const lines = documents
    .map((doc) => `${String(doc.id)} ${typeof doc.status === 'string' ? doc.status : ''}\n`)
    .sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return { count: lines.length, digest: hash.digest('hex') };
}
