import type { PriceDoc } from '@storefloor/core';
import { currencyCode, identifier, instant, storeIdField } from '../field-parsers.js';
import type { ImportKind } from '../import-kind.js';
import { moneyIn } from '../money-field.js';
import type { RowRejection } from '../row-fields.js';
import { existingIds, liveIds } from './existing-ids.js';

/**
 * Prices are effective-dated versions (ARCHITECTURE.md §3): every row adds a NEW version with a new id and
 * never edits a stored one. A row may name its version `id`; if that id already exists the row is rejected
 * (`version-exists`) rather than overwriting history. The product must exist (import products first).
 */
export const pricesImport: ImportKind = {
  name: 'prices',
  collection: 'prices',
  columns: ['id', 'storeId', 'productId', 'currency', 'amount', 'memberAmount', 'validFrom', 'validTo'],
  requiredColumns: ['productId', 'amount', 'validFrom'],
  toDocument(row, context) {
    const currency = row.has('currency') ? row.optional('currency', currencyCode) : context.defaultCurrency;
    if (currency === undefined) {
      row.reject('missing: currency is required (a column, or ?currency= for the whole file)', 'currency');
      return undefined;
    }
    const doc: PriceDoc = {
      id: row.optional('id', identifier) ?? context.newId(),
      storeId: row.optional('storeId', storeIdField) ?? context.defaultStoreId,
      productId: row.required('productId', identifier) ?? '',
      currency,
      amount: row.required('amount', moneyIn(currency)) ?? 0,
      validFrom: row.required('validFrom', instant) ?? 0,
      createdAt: context.now,
    };
    const memberAmount = row.optional('memberAmount', moneyIn(currency));
    if (memberAmount !== undefined) doc.memberAmount = memberAmount;
    const validTo = row.optional('validTo', instant);
    if (validTo !== undefined) doc.validTo = validTo;
    return row.rejection ? undefined : { ...doc };
  },
  async screen(tx, documents) {
    const refused = new Map<string, RowRejection>();
    const taken = await existingIds(
      tx,
      'prices',
      documents.map((doc) => doc.id),
    );
    const products = await liveIds(
      tx,
      'products',
      documents.map((doc) => String(doc.productId)),
    );
    for (const doc of documents) {
      if (taken.has(doc.id)) {
        refused.set(doc.id, {
          reason: `version-exists: price version ${doc.id} already exists; versions are never edited, add a new one`,
          field: 'id',
        });
      } else if (!products.has(String(doc.productId))) {
        refused.set(doc.id, { reason: `unknown-product: ${String(doc.productId)}`, field: 'productId' });
      }
    }
    return refused;
  },
};
