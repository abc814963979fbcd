import {
  formatDecimalAmount,
  type MemberDoc,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  type TaxRateDoc,
} from '@storefloor/core';
import type { DemoEmployee } from './demo-staff.js';

/**
 * Core documents as rows of HQ's import API (`POST /api/admin/import/:kind`, JSON): amounts as decimal text
 * (core's formatDecimalAmount), percentages as text, the server's stamps (updatedAt, createdAt) left to HQ.
 */
type Row = Record<string, unknown>;

function decimal(amount: number, currency: string): string {
  const text = formatDecimalAmount(amount, currency);
  if (!text.ok) throw new Error(`demo data: ${currency} is not a currency core knows`);
  return text.value;
}

const percent = (bps: number): string => (bps / 100).toFixed(2).replace(/\.?0+$/, '');

export function productRow(product: ProductDoc): Row {
  const { updatedAt: _stamp, ...row } = product;
  return row;
}

export function priceRow(price: PriceDoc): Row {
  const { createdAt: _stamp, amount, memberAmount, ...row } = price;
  return {
    ...row,
    amount: decimal(amount, price.currency),
    ...(memberAmount === undefined ? {} : { memberAmount: decimal(memberAmount, price.currency) }),
  };
}

export function taxRateRow(rate: TaxRateDoc): Row {
  const { createdAt: _stamp, ...row } = rate;
  return row;
}

export function memberRow(member: MemberDoc): Row {
  const { updatedAt: _stamp, ...row } = member;
  return row;
}

export function employeeRow(employee: DemoEmployee): Row {
  return { ...employee };
}

export function promotionRow(promotion: PromotionDoc): Row {
  const { createdAt: _stamp, rule, timeWindows: _windows, ...row } = promotion;
  const money = (amount: number): string => decimal(amount, promotion.currency);
  const out: Row = { ...row, kind: rule.kind };
  if ('target' in rule) {
    out.productIds = rule.target.productIds;
    out.categoryIds = rule.target.categoryIds;
    out.productGroupIds = rule.target.productGroupIds;
  }
  switch (rule.kind) {
    case 'percent-off':
      out.percent = percent(rule.percentBps);
      break;
    case 'amount-off':
      out.amount = money(rule.amount);
      break;
    case 'multi-buy':
      out.quantity = rule.quantity;
      out.price = money(rule.price);
      break;
    case 'mix-match':
      out.productGroupId = rule.productGroupId;
      out.quantity = rule.quantity;
      out.price = money(rule.price);
      break;
    case 'buy-get':
      out.buyQuantity = rule.buyQuantity;
      out.getQuantity = rule.getQuantity;
      out.getPercent = percent(rule.getPercentBps);
      break;
    case 'basket-threshold':
      out.threshold = money(rule.threshold);
      if (rule.amount !== undefined) out.amount = money(rule.amount);
      if (rule.percentBps !== undefined) out.percent = percent(rule.percentBps);
      break;
  }
  return out;
}
