import type { MemberDoc } from '@storefloor/core';
import type { Queryable } from '../db/database.js';

/** At most this many members share one phone number in an answer (families do). */
const PHONE_MATCH_LIMIT = 5;

export type MemberKey = { readonly card: string } | { readonly phone: string };

/**
 * Active members by card number or by phone digits, across every store. Both use an expression index of
 * migration 101 (`hq_members_card`, `hq_members_phone`); the phone is compared on its digits only, so
 * "+49 170 1234567" and "+491701234567" are the same number.
 */
export async function findMembers(db: Queryable, key: MemberKey): Promise<MemberDoc[]> {
  const { rows } =
    'card' in key
      ? await db.query<{ data: MemberDoc }>(
          `SELECT data FROM documents
           WHERE collection = 'members' AND NOT deleted AND data->>'cardNumber' = $1 LIMIT 2`,
          [key.card.trim()],
        )
      : await db.query<{ data: MemberDoc }>(
          `SELECT data FROM documents
           WHERE collection = 'members' AND NOT deleted
             AND regexp_replace(data->>'phone', '[^0-9]', '', 'g') = $1
           ORDER BY id LIMIT $2`,
          [key.phone.replace(/\D/g, ''), PHONE_MATCH_LIMIT],
        );
  return rows.map((row) => row.data).filter((member) => member.active);
}
