import type { MemberDoc } from '@storefloor/core';
import { boolean, identifier, text } from '../import/field-parsers.js';
import type { ImportKind } from '../import/import-kind.js';
import type { RowRejection } from '../import/row-fields.js';
import { membersWithPrivacyHolds } from './member-privacy.js';

const phoneField = (value: unknown) => {
  const phone = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return /^\+?[0-9 ()./-]{4,32}$/.test(phone) && /\d{4}/.test(phone.replace(/\D/g, ''))
    ? { ok: true as const, value: phone }
    : {
        ok: false as const,
        reason: 'not-a-phone',
        detail: 'digits with an optional leading +, at least 4 digits',
      };
};

const cardField = (value: unknown) => {
  const card = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return /^[A-Za-z0-9-]{4,64}$/.test(card)
    ? { ok: true as const, value: card }
    : { ok: false as const, reason: 'not-a-card-number', detail: '4 to 64 letters, digits or "-"' };
};

/**
 * Members: upserted by id. `storeId` is the member's HOME store (never '*'): only that store replicates the
 * member; other stores look the member up online. A card number belongs to one member only.
 */
export const membersImport: ImportKind = {
  name: 'members',
  collection: 'members',
  columns: ['id', 'storeId', 'cardNumber', 'name', 'tier', 'email', 'phone', 'active'],
  requiredColumns: ['id', 'storeId', 'cardNumber', 'name'],
  toDocument(row, context) {
    const doc: MemberDoc = {
      id: row.required('id', identifier) ?? '',
      storeId: row.required('storeId', identifier) ?? '',
      cardNumber: row.required('cardNumber', cardField) ?? '',
      name: row.required('name', text) ?? '',
      tier: row.optional('tier', identifier) ?? 'standard',
      email: row.optional('email', text) ?? '',
      phone: row.optional('phone', phoneField) ?? '',
      active: row.optional('active', boolean) ?? true,
      updatedAt: context.now,
    };
    return row.rejection ? undefined : { ...doc };
  },
  async screen(tx, documents) {
    const refused = new Map<string, RowRejection>();
    const owners = new Map<string, string>();
    const { rows } = await tx.query<{ id: string; card: string }>(
      `SELECT id, data->>'cardNumber' AS card FROM documents
       WHERE collection = 'members' AND NOT deleted AND data->>'cardNumber' = ANY($1::text[])`,
      [documents.map((doc) => String(doc.cardNumber))],
    );
    for (const row of rows) owners.set(row.card, row.id);
    // PIPL: an erased member never comes back, and a withdrawn consent keeps their personal data off the lanes.
    const holds = await membersWithPrivacyHolds(
      tx,
      documents.map((doc) => String(doc.id)),
    );
    for (const doc of documents) {
      const hold = holds.get(String(doc.id));
      if (hold) {
        refused.set(doc.id, {
          reason:
            hold === 'member-erased'
              ? `member-erased: member ${doc.id} was erased at their request and cannot be imported again`
              : `consent-withdrawn: member ${doc.id} withdrew consent to personal data; give it again (PUT /api/admin/members/:memberId/consent) before importing their row`,
          field: 'id',
        });
        continue;
      }
      const card = String(doc.cardNumber);
      const owner = owners.get(card);
      if (owner !== undefined && owner !== doc.id) {
        refused.set(doc.id, {
          reason: `card-in-use: card ${card} belongs to another member`,
          field: 'cardNumber',
        });
      } else {
        owners.set(card, doc.id);
      }
    }
    return refused;
  },
};
