import { isCouponPromotion, type PromotionDoc, type PromotionTarget } from '../schemas/promotions.js';

/**
 * Promotions ordered and indexed once (when master data changes), so pricing a basket only looks at the
 * promotions that can touch each line instead of testing every promotion against every line.
 */
export interface PromotionIndex {
  /** Priority descending, then id ascending: the order promotions are applied in. */
  readonly ordered: readonly PromotionDoc[];
  /** Rank (index into `ordered`) of the promotions naming each product, category and product group. */
  readonly byProduct: ReadonlyMap<string, readonly number[]>;
  readonly byCategory: ReadonlyMap<string, readonly number[]>;
  readonly byGroup: ReadonlyMap<string, readonly number[]>;
  /** Ranks of basket promotions with an empty target: they look at every line. */
  readonly wholeBasket: readonly number[];
}

function targetOf(p: PromotionDoc): PromotionTarget {
  const rule = p.rule;
  if (rule.kind === 'mix-match')
    return { productIds: [], categoryIds: [], productGroupIds: [rule.productGroupId] };
  return rule.target;
}

export function isEmptyTarget(t: PromotionTarget): boolean {
  return t.productIds.length === 0 && t.categoryIds.length === 0 && t.productGroupIds.length === 0;
}

/**
 * A coupon promotion (`couponCodes`) is left out unless one of its codes is among `presentedCoupons` (the
 * codes on the sale being priced): it never applies to a basket on its own, nor on a shelf label.
 */
export function indexPromotions(
  promotions: readonly PromotionDoc[],
  presentedCoupons: readonly string[] = [],
): PromotionIndex {
  const presented = new Set(presentedCoupons);
  const usable = promotions.filter(
    (p) => !isCouponPromotion(p) || (p.couponCodes ?? []).some((code) => presented.has(code)),
  );
  const ordered = [...usable].sort(
    (a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byProduct = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const byGroup = new Map<string, number[]>();
  const wholeBasket: number[] = [];
  const add = (map: Map<string, number[]>, key: string, rank: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [rank]);
    else if (list[list.length - 1] !== rank) list.push(rank);
  };
  ordered.forEach((p, rank) => {
    const t = targetOf(p);
    if (isEmptyTarget(t)) {
      if (p.rule.kind === 'basket-threshold') wholeBasket.push(rank);
      return;
    }
    for (const id of t.productIds) add(byProduct, id, rank);
    for (const id of t.categoryIds) add(byCategory, id, rank);
    for (const id of t.productGroupIds) add(byGroup, id, rank);
  });
  return { ordered, byProduct, byCategory, byGroup, wholeBasket };
}
