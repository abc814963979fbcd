import { POINTS_ENTRY_KINDS, type PointsEntryKind } from '@storefloor/core';
import type { Queryable } from '../db/database.js';

export interface PointsBalance {
  readonly memberId: string;
  /** Sum of the member's signed points entries, as core's `pointsBalance` defines it. */
  readonly balance: number;
  readonly entries: number;
  /** Signed sum per kind: earned positive, spent and expired negative, adjusted either. */
  readonly byKind: Readonly<Partial<Record<PointsEntryKind, number>>>;
}

/**
 * A member's points balance is the sum of their points entries in the loyalty ledger, never a stored counter
 * (ARCHITECTURE.md §3). Entries are documents keyed by their UUIDv7, so an entry pushed twice (a lane retrying
 * offline) exists once and counts once. Points are signed, so the database sums them as core's
 * `pointsBalance` does, without shipping every entry here. Served by the `hq_loyalty_member` index.
 */
export async function pointsBalances(
  db: Queryable,
  memberIds: readonly string[],
): Promise<Map<string, PointsBalance>> {
  const { rows } = await db.query<{
    member_id: string;
    kind: PointsEntryKind;
    points: string | number;
    entries: string | number;
  }>(
    `SELECT data->>'memberId' AS member_id, data->>'kind' AS kind,
            SUM((data->>'points')::bigint) AS points, COUNT(*) AS entries
     FROM documents
     WHERE collection = 'loyalty_entries' AND NOT deleted AND data->>'memberId' = ANY($1::text[])
       AND data->>'kind' = ANY($2::text[])
     GROUP BY 1, 2`,
    [memberIds, POINTS_ENTRY_KINDS],
  );
  const balances = new Map<
    string,
    { balance: number; entries: number; byKind: Partial<Record<PointsEntryKind, number>> }
  >();
  for (const id of memberIds) balances.set(id, { balance: 0, entries: 0, byKind: {} });
  for (const row of rows) {
    const account = balances.get(row.member_id);
    if (!account) continue;
    const points = Number(row.points);
    account.balance += points;
    account.entries += Number(row.entries);
    account.byKind[row.kind] = points;
  }
  return new Map([...balances].map(([memberId, account]) => [memberId, { memberId, ...account }]));
}
