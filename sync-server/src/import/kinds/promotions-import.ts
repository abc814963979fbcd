import type { PromotionDoc, PromotionRule, PromotionTarget } from '@storefloor/core';
import {
  boolean,
  currencyCode,
  identifier,
  instant,
  list,
  oneOf,
  storeIdField,
  text,
  wholeNumber,
} from '../field-parsers.js';
import type { ImportKind } from '../import-kind.js';
import { moneyIn, percentAsBps } from '../money-field.js';
import type { RowFields, RowRejection } from '../row-fields.js';
import { existingIds } from './existing-ids.js';

const RULE_KINDS = [
  'percent-off',
  'amount-off',
  'multi-buy',
  'mix-match',
  'buy-get',
  'basket-threshold',
] as const;

/**
 * Promotions are effective-dated and never edited in place: a change is a new promotion superseding the old
 * one by its dates. Each row is one promotion, its rule spread over flat columns (`kind` picks which apply;
 * lists are ";"-separated in CSV). A row naming an `id` that already exists is rejected (`version-exists`).
 */
export const promotionsImport: ImportKind = {
  name: 'promotions',
  collection: 'promotions',
  columns: [
    'id',
    'storeId',
    'name',
    'receiptText',
    'currency',
    'priority',
    'exclusive',
    'memberOnly',
    'validFrom',
    'validTo',
    'kind',
    'productIds',
    'categoryIds',
    'productGroupIds',
    'percent',
    'amount',
    'quantity',
    'price',
    'productGroupId',
    'buyQuantity',
    'getQuantity',
    'getPercent',
    'threshold',
    'couponCodes',
  ],
  requiredColumns: ['name', 'validFrom', 'kind'],
  toDocument(row, context) {
    const currency = row.has('currency') ? row.optional('currency', currencyCode) : context.defaultCurrency;
    if (currency === undefined) {
      row.reject('missing: currency is required (a column, or ?currency= for the whole file)', 'currency');
      return undefined;
    }
    const name = row.required('name', text) ?? '';
    const rule = ruleOf(row, currency);
    const doc: PromotionDoc = {
      id: row.optional('id', identifier) ?? context.newId(),
      storeId: row.optional('storeId', storeIdField) ?? context.defaultStoreId,
      name,
      receiptText: row.optional('receiptText', text) ?? name.slice(0, 40),
      currency,
      priority: row.optional('priority', wholeNumber) ?? 0,
      exclusive: row.optional('exclusive', boolean) ?? false,
      memberOnly: row.optional('memberOnly', boolean) ?? false,
      validFrom: row.required('validFrom', instant) ?? 0,
      rule: rule ?? { kind: 'percent-off', target: emptyTarget(), percentBps: 0 },
      createdAt: context.now,
    };
    const validTo = row.optional('validTo', instant);
    if (validTo !== undefined) doc.validTo = validTo;
    // A coupon promotion: granted only by presenting one of these codes at the lane (core's applyCoupon).
    const couponCodes = row.optional('couponCodes', list(identifier));
    if (couponCodes !== undefined && couponCodes.length > 0) doc.couponCodes = couponCodes;
    return row.rejection || rule === undefined ? undefined : { ...doc };
  },
  async screen(tx, documents) {
    const refused = new Map<string, RowRejection>();
    const taken = await existingIds(
      tx,
      'promotions',
      documents.map((doc) => doc.id),
    );
    for (const id of taken) {
      refused.set(id, {
        reason: `version-exists: promotion ${id} already exists; promotions are never edited, add a new one`,
        field: 'id',
      });
    }
    return refused;
  },
};

function emptyTarget(): PromotionTarget {
  return { productIds: [], categoryIds: [], productGroupIds: [] };
}

function targetOf(row: RowFields): PromotionTarget {
  return {
    productIds: row.optional('productIds', list(identifier)) ?? [],
    categoryIds: row.optional('categoryIds', list(identifier)) ?? [],
    productGroupIds: row.optional('productGroupIds', list(identifier)) ?? [],
  };
}

function ruleOf(row: RowFields, currency: string): PromotionRule | undefined {
  const kind = row.required('kind', oneOf(RULE_KINDS));
  const count = wholeNumber;
  const money = moneyIn(currency);
  switch (kind) {
    case 'percent-off':
      return { kind, target: targetOf(row), percentBps: row.required('percent', percentAsBps) ?? 0 };
    case 'amount-off':
      return { kind, target: targetOf(row), amount: row.required('amount', money) ?? 0 };
    case 'multi-buy':
      return {
        kind,
        target: targetOf(row),
        quantity: row.required('quantity', count) ?? 1,
        price: row.required('price', money) ?? 0,
      };
    case 'mix-match':
      return {
        kind,
        productGroupId: row.required('productGroupId', identifier) ?? '',
        quantity: row.required('quantity', count) ?? 1,
        price: row.required('price', money) ?? 0,
      };
    case 'buy-get':
      return {
        kind,
        target: targetOf(row),
        buyQuantity: row.required('buyQuantity', count) ?? 1,
        getQuantity: row.required('getQuantity', count) ?? 1,
        getPercentBps: row.required('getPercent', percentAsBps) ?? 0,
      };
    case 'basket-threshold': {
      const rule: PromotionRule = {
        kind,
        target: targetOf(row),
        threshold: row.required('threshold', money) ?? 0,
      };
      const amount = row.optional('amount', money);
      const percentBps = row.optional('percent', percentAsBps);
      if ((amount === undefined) === (percentBps === undefined)) {
        row.reject('missing: a basket-threshold promotion takes exactly one of amount or percent', 'amount');
      }
      if (amount !== undefined) rule.amount = amount;
      if (percentBps !== undefined) rule.percentBps = percentBps;
      return rule;
    }
    default:
      return undefined;
  }
}
