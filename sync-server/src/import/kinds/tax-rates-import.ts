import type { TaxRateDoc } from '@storefloor/core';
import type { Queryable } from '../../db/database.js';
import { identifier, instant, storeIdField, text, wholeNumber } from '../field-parsers.js';
import type { ImportKind } from '../import-kind.js';
import type { RowRejection } from '../row-fields.js';
import { existingIds } from './existing-ids.js';

/**
 * Tax rates are effective-dated versions (ARCHITECTURE.md §3), per store or chain-wide ('*'): every row adds
 * a NEW version from its `validFrom` and never edits a stored one (a row naming an existing `id` is rejected
 * `version-exists`). A rate is integer basis points (2000 = 20 %, 550 = 5.5 %), as core computes tax. Every rule
 * on the fields (lengths, ranges, validTo after validFrom) is core's `tax_rates` validation.
 */
export const taxRatesImport: ImportKind = {
  name: 'tax-rates',
  collection: 'tax_rates',
  columns: ['id', 'storeId', 'taxClass', 'rateBps', 'label', 'validFrom', 'validTo'],
  requiredColumns: ['taxClass', 'rateBps', 'label', 'validFrom'],
  toDocument(row, context) {
    const doc: TaxRateDoc = {
      id: row.optional('id', identifier) ?? context.newId(),
      storeId: row.optional('storeId', storeIdField) ?? context.defaultStoreId,
      taxClass: row.required('taxClass', text) ?? '',
      rateBps: row.required('rateBps', wholeNumber) ?? 0,
      label: row.required('label', text) ?? '',
      validFrom: row.required('validFrom', instant) ?? 0,
      createdAt: context.now,
    };
    const validTo = row.optional('validTo', instant);
    if (validTo !== undefined) doc.validTo = validTo;
    return row.rejection ? undefined : { ...doc };
  },
  async screen(tx, documents) {
    const refused = new Map<string, RowRejection>();
    const taken = await existingIds(
      tx,
      'tax_rates',
      documents.map((doc) => doc.id),
    );
    const stores = await knownStores(
      tx,
      documents.map((doc) => doc.storeId),
    );
    for (const doc of documents) {
      if (taken.has(doc.id)) {
        refused.set(doc.id, {
          reason: `version-exists: tax rate version ${doc.id} already exists; versions are never edited, add a new one`,
          field: 'id',
        });
      } else if (doc.storeId !== '*' && !stores.has(doc.storeId)) {
        refused.set(doc.id, { reason: `unknown-store: ${doc.storeId}`, field: 'storeId' });
      }
    }
    return refused;
  },
};

async function knownStores(tx: Queryable, storeIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(storeIds.filter((id) => id !== '*'))];
  if (wanted.length === 0) return new Set();
  const { rows } = await tx.query<{ store_id: string }>(
    'SELECT store_id FROM stores WHERE store_id = ANY($1::text[])',
    [wanted],
  );
  return new Set(rows.map((row) => row.store_id));
}
