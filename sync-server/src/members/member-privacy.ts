import type { MemberDoc } from '@storefloor/core';
import type { Database, Queryable } from '../db/database.js';
import { writeMasterDocuments } from '../replication/write-master-documents.js';
import { pointsBalances } from './points-balance.js';

/** The personal fields of a member document: what consent covers and erasure removes. */
const PERSONAL_FIELDS = ['name', 'phone', 'email'] as const;
type PersonalFields = Pick<MemberDoc, (typeof PERSONAL_FIELDS)[number]>;

export interface MemberConsent {
  /** Whether the member lets the chain keep and use their name, phone and e-mail (default: given at sign-up). */
  readonly personalData: boolean;
  readonly changedAt: string | null;
}

/** Everything HQ holds about one member (PIPL art. 45, access and copy). */
export interface MemberExport {
  readonly exportedAt: string;
  readonly member: MemberDoc;
  readonly consent: MemberConsent;
  readonly erasedAt: string | null;
  readonly points: { readonly balance: number; readonly entries: number };
  readonly loyaltyEntries: readonly Record<string, unknown>[];
  /** The member's purchases: which store, when, how much (the lines stay in the store's books). */
  readonly sales: readonly {
    readonly id: string;
    readonly storeId: string;
    readonly status: string;
    readonly total: number | null;
    readonly currency: string | null;
    readonly completedAt: number | null;
  }[];
}

export type MemberPrivacyFailure = 'member-not-found' | 'member-erased';
export type MemberPrivacyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: MemberPrivacyFailure; readonly detail: string };

async function storedMember(q: Queryable, memberId: string): Promise<MemberDoc | undefined> {
  const { rows } = await q.query<{ data: MemberDoc }>(
    "SELECT data FROM documents WHERE collection = 'members' AND id = $1 AND NOT deleted",
    [memberId],
  );
  return rows[0]?.data;
}

async function erasure(q: Queryable, memberId: string): Promise<string | null> {
  const { rows } = await q.query<{ erased_at: Date | string }>(
    'SELECT erased_at FROM hq_member_erasures WHERE member_id = $1',
    [memberId],
  );
  return rows[0] ? new Date(rows[0].erased_at).toISOString() : null;
}

async function consentRow(
  q: Queryable,
  memberId: string,
): Promise<{ personalData: boolean; withheld: PersonalFields | null; changedAt: string | null }> {
  const { rows } = await q.query<{
    personal_data: boolean;
    withheld: PersonalFields | null;
    changed_at: Date | string;
  }>('SELECT personal_data, withheld, changed_at FROM hq_member_consents WHERE member_id = $1', [memberId]);
  const row = rows[0];
  if (!row) return { personalData: true, withheld: null, changedAt: null };
  return {
    personalData: row.personal_data,
    withheld: row.withheld,
    changedAt: new Date(row.changed_at).toISOString(),
  };
}

/** The member's data at HQ, as the member may ask for it: the document, consent, points and purchases. */
export async function exportMember(
  db: Database,
  memberId: string,
): Promise<MemberPrivacyResult<MemberExport>> {
  const member = await storedMember(db, memberId);
  if (!member) return { ok: false, code: 'member-not-found', detail: memberId };
  const consent = await consentRow(db, memberId);
  const balance = (await pointsBalances(db, [memberId])).get(memberId);
  const loyalty = await db.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM documents WHERE collection = 'loyalty_entries' AND NOT deleted AND data->>'memberId' = $1
     ORDER BY id`,
    [memberId],
  );
  const sales = await db.query<{ id: string; store_id: string; data: Record<string, unknown> }>(
    `SELECT id, store_id, data FROM documents WHERE collection = 'sales' AND NOT deleted AND data->>'memberId' = $1
     ORDER BY id`,
    [memberId],
  );
  return {
    ok: true,
    value: {
      exportedAt: new Date().toISOString(),
      // Withdrawn consent took the personal fields off the replicated document; HQ still holds them for this.
      member: { ...member, ...(consent.withheld ?? {}) },
      consent: { personalData: consent.personalData, changedAt: consent.changedAt },
      erasedAt: await erasure(db, memberId),
      points: { balance: balance?.balance ?? 0, entries: balance?.entries ?? 0 },
      loyaltyEntries: loyalty.rows.map((row) => row.data),
      sales: sales.rows.map((row) => {
        const totals = row.data.totals as { total?: unknown } | undefined;
        return {
          id: row.id,
          storeId: row.store_id,
          status: String(row.data.status ?? ''),
          total: typeof totals?.total === 'number' ? totals.total : null,
          currency: typeof row.data.currency === 'string' ? row.data.currency : null,
          completedAt: typeof row.data.completedAt === 'number' ? row.data.completedAt : null,
        };
      }),
    },
  };
}

/** The member document with no personal field: what every store replicates once consent is gone. */
function withoutPersonalData(member: MemberDoc, now: number): MemberDoc {
  return { ...member, name: '', phone: '', email: '', updatedAt: now };
}

/**
 * Erases a member (PIPL art. 47): the personal fields and the card number leave the member document (a new
 * revision every store pulls), consent-withheld copies are dropped, and the erasure is recorded so an import
 * cannot bring the person back. The id stays: sales and points entries are immutable ledgers and go on naming
 * an anonymous member, whose points still reconcile. Erasing twice answers the first erasure.
 */
export async function eraseMember(
  db: Database,
  memberId: string,
  erasedBy: string,
): Promise<MemberPrivacyResult<{ memberId: string; erasedAt: string; alreadyErased: boolean }>> {
  return db.transaction(async (tx) => {
    const member = await storedMember(tx, memberId);
    if (!member) return { ok: false, code: 'member-not-found', detail: memberId } as const;
    const earlier = await erasure(tx, memberId);
    if (earlier) return { ok: true, value: { memberId, erasedAt: earlier, alreadyErased: true } } as const;
    const now = Date.now();
    await writeMasterDocuments(tx, 'members', [
      {
        ...withoutPersonalData(member, now),
        // The card is printed on a plastic the person may still carry: it must not find them again.
        cardNumber: `ERASED-${memberId.replace(/[^A-Za-z0-9-]/g, '').slice(-40)}`,
        tier: member.tier,
        active: false,
      },
    ]);
    await tx.query('DELETE FROM hq_member_consents WHERE member_id = $1', [memberId]);
    const { rows } = await tx.query<{ erased_at: Date | string }>(
      'INSERT INTO hq_member_erasures (member_id, erased_by) VALUES ($1, $2) RETURNING erased_at',
      [memberId, erasedBy],
    );
    return {
      ok: true,
      value: { memberId, erasedAt: new Date(rows[0]?.erased_at ?? now).toISOString(), alreadyErased: false },
    } as const;
  });
}

/**
 * Records the member's consent. Withdrawn: the personal fields move off the replicated document into HQ's
 * consent table (lanes no longer show the person or find them by phone; the card still earns points). Given
 * again: they come back.
 */
export async function setMemberConsent(
  db: Database,
  memberId: string,
  personalData: boolean,
  changedBy: string,
): Promise<MemberPrivacyResult<{ memberId: string; personalData: boolean; changedAt: string }>> {
  return db.transaction(async (tx) => {
    const member = await storedMember(tx, memberId);
    if (!member) return { ok: false, code: 'member-not-found', detail: memberId } as const;
    if (await erasure(tx, memberId)) {
      return { ok: false, code: 'member-erased', detail: `${memberId} was erased` } as const;
    }
    const current = await consentRow(tx, memberId);
    const now = Date.now();
    if (!personalData && current.personalData) {
      const withheld: PersonalFields = { name: member.name, phone: member.phone, email: member.email };
      await writeMasterDocuments(tx, 'members', [{ ...withoutPersonalData(member, now) }]);
      await saveConsent(tx, memberId, false, withheld, changedBy);
    } else if (personalData && !current.personalData) {
      await writeMasterDocuments(tx, 'members', [{ ...member, ...(current.withheld ?? {}), updatedAt: now }]);
      await saveConsent(tx, memberId, true, null, changedBy);
    }
    const after = await consentRow(tx, memberId);
    return {
      ok: true,
      value: {
        memberId,
        personalData: after.personalData,
        changedAt: after.changedAt ?? new Date(now).toISOString(),
      },
    } as const;
  });
}

async function saveConsent(
  tx: Queryable,
  memberId: string,
  personalData: boolean,
  withheld: PersonalFields | null,
  changedBy: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO hq_member_consents (member_id, personal_data, withheld, changed_by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (member_id) DO UPDATE
       SET personal_data = EXCLUDED.personal_data, withheld = EXCLUDED.withheld,
           changed_at = now(), changed_by = EXCLUDED.changed_by`,
    [memberId, personalData, withheld === null ? null : JSON.stringify(withheld), changedBy],
  );
}

/**
 * Member ids an import must not write as given: erased members (never again), and members who withdrew
 * consent (their personal fields would land on every lane of their store).
 */
export async function membersWithPrivacyHolds(
  q: Queryable,
  memberIds: readonly string[],
): Promise<Map<string, 'member-erased' | 'consent-withdrawn'>> {
  const holds = new Map<string, 'member-erased' | 'consent-withdrawn'>();
  if (memberIds.length === 0) return holds;
  const erased = await q.query<{ member_id: string }>(
    'SELECT member_id FROM hq_member_erasures WHERE member_id = ANY($1::text[])',
    [memberIds],
  );
  for (const row of erased.rows) holds.set(row.member_id, 'member-erased');
  const withdrawn = await q.query<{ member_id: string }>(
    'SELECT member_id FROM hq_member_consents WHERE NOT personal_data AND member_id = ANY($1::text[])',
    [memberIds],
  );
  for (const row of withdrawn.rows)
    if (!holds.has(row.member_id)) holds.set(row.member_id, 'consent-withdrawn');
  return holds;
}
