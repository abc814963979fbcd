import { allocate } from '../money/allocate.js';
import {
  addMinor,
  mulDivRound,
  multiplyByQuantity,
  multiplyByWeight,
  percentOf,
  subtractMinor,
  sumMinor,
} from '../money/arithmetic.js';
import type { ProductUnit } from '../schemas/products.js';
import type { PromotionDoc, PromotionRule } from '../schemas/promotions.js';
import type { ManualDiscountDoc, SaleAdjustmentDoc } from '../schemas/sales.js';
import { isPromotionActive, type PricingContext } from './promotion-active.js';
import type { PromotionIndex } from './promotion-index.js';

/** A line as the pricing engine sees it. */
export interface BasketLine {
  readonly id: string;
  readonly productId: string;
  readonly categoryId: string;
  readonly productGroupId: string;
  readonly unit: ProductUnit;
  /** Whole units; 1 for weighed lines. */
  readonly quantity: number;
  readonly weightGrams?: number;
  /** Per unit, or per kilogram for weighed lines. */
  readonly unitPrice: number;
  readonly memberUnitPrice?: number;
  /** Manual lines take part in manual discounts only, never in promotions. */
  readonly promotable?: boolean;
}

export interface PricedLine {
  readonly lineId: string;
  readonly gross: number;
  readonly discount: number;
  /** gross − discount, never negative. */
  readonly amount: number;
  /** Which promotion, member price or manual discount took what off this line, in the order applied. */
  readonly adjustments: SaleAdjustmentDoc[];
}

export interface AppliedPromotion {
  readonly promotionId: string;
  readonly label: string;
  readonly amount: number;
  readonly lines: { readonly lineId: string; readonly amount: number }[];
}

export interface PricedBasket {
  /** Same order as the input lines. */
  readonly lines: PricedLine[];
  /** In the order they were applied (priority, then id). */
  readonly promotions: AppliedPromotion[];
  readonly gross: number;
  readonly discount: number;
  readonly amount: number;
}

interface LineState {
  readonly line: BasketLine;
  /** Position in the caller's list. */
  readonly input: number;
  readonly gross: number;
  /** Per-unit value after the member price; for weighed lines the whole line. */
  readonly unitValue: number;
  readonly units: number;
  readonly weighed: boolean;
  readonly promotable: boolean;
  value: number;
  claimed: number;
  locked: boolean;
  promoted: boolean;
  readonly adjustments: SaleAdjustmentDoc[];
}

/** A run of `count` units of one line inside a bundle. */
type Segment = { readonly line: number; readonly count: number };

/**
 * Prices a basket: member prices, then item promotions (each unit goes to at most one item promotion, in
 * priority order), then basket promotions on what is left, then manual discounts. Deterministic and
 * independent of line order (lines are worked through in id order); no line ever goes below zero.
 *
 * Exclusivity: an exclusive promotion only takes lines no promotion has touched yet, and locks the lines it
 * takes against any later promotion (basket ones included).
 */
export function priceBasket(
  lines: readonly BasketLine[],
  index: PromotionIndex,
  ctx: PricingContext,
  manualDiscounts: readonly ManualDiscountDoc[] = [],
): PricedBasket {
  const states = lines
    .map((line, input) => initialState(line, input, ctx.member))
    .sort((a, b) => (a.line.id < b.line.id ? -1 : a.line.id > b.line.id ? 1 : 0));

  const eligible = eligibleLines(states, index);
  const applied = new Map<
    number,
    { promotionId: string; label: string; amount: number; lines: AppliedPromotion['lines'] }
  >();
  const active = (rank: number) => isPromotionActive(index.ordered[rank]!, ctx);

  const record = (rank: number, discounts: Map<number, number>) => {
    const promo = index.ordered[rank]!;
    for (const [li, wanted] of discounts) {
      const s = states[li]!;
      const amount = Math.min(wanted, s.value);
      if (amount <= 0) continue;
      s.value = subtractMinor(s.value, amount);
      s.promoted = true;
      if (promo.exclusive) s.locked = true;
      s.adjustments.push({ source: 'promotion', promotionId: promo.id, label: promo.receiptText, amount });
      let a = applied.get(rank);
      if (a === undefined) {
        a = { promotionId: promo.id, label: promo.receiptText, amount: 0, lines: [] };
        applied.set(rank, a);
      }
      a.amount = addMinor(a.amount, amount);
      a.lines.push({ lineId: s.line.id, amount });
    }
  };

  const ranks = [...eligible.keys()].sort((a, b) => a - b);
  for (const rank of ranks) {
    const promo = index.ordered[rank]!;
    if (promo.rule.kind === 'basket-threshold' || !active(rank)) continue;
    const candidates = eligible.get(rank)!.filter((li) => takes(states[li]!, promo));
    if (candidates.length > 0) record(rank, itemDiscounts(promo.rule, candidates, states));
  }
  const basketRanks = [...new Set([...ranks, ...index.wholeBasket])].sort((a, b) => a - b);
  for (const rank of basketRanks) {
    const promo = index.ordered[rank]!;
    if (promo.rule.kind !== 'basket-threshold' || !active(rank)) continue;
    const pool = eligible.get(rank) ?? states.map((_, li) => li);
    const candidates = pool.filter((li) => {
      const s = states[li]!;
      return s.promotable && !s.locked && s.value > 0 && !(promo.exclusive && s.promoted);
    });
    record(rank, basketDiscounts(promo.rule, candidates, states));
  }

  applyManualDiscounts(states, manualDiscounts);

  const priced = new Array<PricedLine>(lines.length);
  for (const s of states) {
    const discount = subtractMinor(s.gross, s.value);
    priced[s.input] = {
      lineId: s.line.id,
      gross: s.gross,
      discount,
      amount: s.value,
      adjustments: s.adjustments,
    };
  }
  const gross = sumMinor(priced.map((p) => p.gross));
  const amount = sumMinor(priced.map((p) => p.amount));
  return {
    lines: priced,
    promotions: [...applied.keys()].sort((a, b) => a - b).map((rank) => applied.get(rank)!),
    gross,
    discount: subtractMinor(gross, amount),
    amount,
  };
}

function initialState(line: BasketLine, input: number, member: boolean): LineState {
  const weighed = line.unit === 'weight';
  const grams = line.weightGrams ?? 0;
  const regular = weighed
    ? multiplyByWeight(line.unitPrice, grams)
    : multiplyByQuantity(line.unitPrice, line.quantity);
  const adjustments: SaleAdjustmentDoc[] = [];
  let unitPrice = line.unitPrice;
  let value = regular;
  if (member && line.memberUnitPrice !== undefined && line.memberUnitPrice < line.unitPrice) {
    unitPrice = line.memberUnitPrice;
    value = weighed ? multiplyByWeight(unitPrice, grams) : multiplyByQuantity(unitPrice, line.quantity);
    const saving = subtractMinor(regular, value);
    if (saving > 0) adjustments.push({ source: 'member-price', label: 'Member price', amount: saving });
  }
  return {
    line,
    input,
    gross: regular,
    unitValue: weighed ? value : unitPrice,
    units: weighed ? 1 : line.quantity,
    weighed,
    promotable: line.promotable !== false,
    value,
    claimed: 0,
    locked: false,
    promoted: false,
    adjustments,
  };
}

/** For each promotion rank that names something in the basket, the lines it names (each once, id order). */
function eligibleLines(states: readonly LineState[], index: PromotionIndex): Map<number, number[]> {
  const eligible = new Map<number, number[]>();
  const add = (ranks: readonly number[] | undefined, li: number) => {
    if (ranks === undefined) return;
    for (const rank of ranks) {
      const list = eligible.get(rank);
      if (list === undefined) eligible.set(rank, [li]);
      else if (list[list.length - 1] !== li) list.push(li);
    }
  };
  states.forEach((s, li) => {
    if (!s.promotable) return;
    add(index.byProduct.get(s.line.productId), li);
    add(index.byCategory.get(s.line.categoryId), li);
    if (s.line.productGroupId !== '') add(index.byGroup.get(s.line.productGroupId), li);
  });
  return eligible;
}

function takes(s: LineState, promo: PromotionDoc): boolean {
  if (s.locked || s.claimed >= s.units) return false;
  if (promo.exclusive && s.promoted) return false;
  const bundle =
    promo.rule.kind === 'multi-buy' || promo.rule.kind === 'mix-match' || promo.rule.kind === 'buy-get';
  return !(bundle && s.weighed);
}

function itemDiscounts(rule: PromotionRule, candidates: number[], states: LineState[]): Map<number, number> {
  const discounts = new Map<number, number>();
  switch (rule.kind) {
    case 'percent-off':
    case 'amount-off':
      for (const li of candidates) {
        const s = states[li]!;
        const units = s.units - s.claimed;
        const base = s.weighed ? s.value : multiplyByQuantity(s.unitValue, units);
        let off: number;
        if (rule.kind === 'percent-off') off = percentOf(base, rule.percentBps);
        else if (s.weighed) off = multiplyByWeight(rule.amount, s.line.weightGrams ?? 0);
        else off = multiplyByQuantity(Math.min(rule.amount, s.unitValue), units);
        s.claimed = s.units;
        discounts.set(li, Math.min(off, base));
      }
      return discounts;
    case 'multi-buy': {
      const byProduct = new Map<string, number[]>();
      for (const li of candidates) {
        const key = states[li]!.line.productId;
        const list = byProduct.get(key);
        if (list === undefined) byProduct.set(key, [li]);
        else list.push(li);
      }
      for (const group of byProduct.values())
        fixedPriceBundles(group, rule.quantity, rule.price, states, discounts);
      return discounts;
    }
    case 'mix-match':
      fixedPriceBundles(candidates, rule.quantity, rule.price, states, discounts);
      return discounts;
    case 'buy-get':
      buyGetBundles(candidates, rule.buyQuantity, rule.getQuantity, rule.getPercentBps, states, discounts);
      return discounts;
    case 'basket-threshold':
      return discounts;
  }
}

function addTo(discounts: Map<number, number>, li: number, amount: number) {
  discounts.set(li, addMinor(discounts.get(li) ?? 0, amount));
}

/** Free units of the candidates, most valuable first (ties in line-id order). */
function unitRuns(candidates: readonly number[], states: readonly LineState[]): Segment[] {
  return candidates
    .map((li) => ({ line: li, count: states[li]!.units - states[li]!.claimed }))
    .filter((seg) => seg.count > 0)
    .sort((a, b) => states[b.line]!.unitValue - states[a.line]!.unitValue || a.line - b.line);
}

/**
 * Walks the units in `runs` in chunks of `size`, calling `chunk(segments, times)`; a run long enough to fill
 * whole chunks by itself is handed over once with `times` > 1 instead of chunk by chunk. `chunk` returns
 * false to stop (later chunks are worth no more).
 */
function chunks(
  runs: readonly Segment[],
  size: number,
  chunk: (segments: Segment[], times: number) => boolean,
) {
  let open: Segment[] = [];
  let openCount = 0;
  for (const run of runs) {
    let left = run.count;
    while (left > 0) {
      if (openCount === 0 && left >= size) {
        const times = Math.floor(left / size);
        if (!chunk([{ line: run.line, count: size }], times)) return;
        left -= times * size;
        continue;
      }
      const take = Math.min(left, size - openCount);
      open.push({ line: run.line, count: take });
      openCount += take;
      left -= take;
      if (openCount === size) {
        if (!chunk(open, 1)) return;
        open = [];
        openCount = 0;
      }
    }
  }
}

function fixedPriceBundles(
  candidates: readonly number[],
  size: number,
  price: number,
  states: LineState[],
  discounts: Map<number, number>,
) {
  chunks(unitRuns(candidates, states), size, (segments, times) => {
    const weights = segments.map((seg) => multiplyByQuantity(states[seg.line]!.unitValue, seg.count));
    const value = sumMinor(weights);
    if (value <= price) return false;
    const shares = allocate(subtractMinor(value, price), weights);
    segments.forEach((seg, k) => {
      const s = states[seg.line]!;
      s.claimed += seg.count * times;
      addTo(discounts, seg.line, multiplyByQuantity(shares[k]!, times));
    });
    return true;
  });
}

function buyGetBundles(
  candidates: readonly number[],
  buy: number,
  get: number,
  getPercentBps: number,
  states: LineState[],
  discounts: Map<number, number>,
) {
  chunks(unitRuns(candidates, states), buy + get, (segments, times) => {
    // Units are most valuable first, so the last `get` units of a chunk are its cheapest: those are discounted.
    let free = get;
    for (let k = segments.length - 1; k >= 0 && free > 0; k--) {
      const seg = segments[k]!;
      const n = Math.min(seg.count, free);
      free -= n;
      const perUnit = mulDivRound(states[seg.line]!.unitValue, getPercentBps, 10_000);
      addTo(discounts, seg.line, multiplyByQuantity(perUnit, n * times));
    }
    for (const seg of segments) states[seg.line]!.claimed += seg.count * times;
    return true;
  });
}

function basketDiscounts(
  rule: PromotionRule,
  candidates: number[],
  states: LineState[],
): Map<number, number> {
  const discounts = new Map<number, number>();
  if (rule.kind !== 'basket-threshold' || candidates.length === 0) return discounts;
  const values = candidates.map((li) => states[li]!.value);
  const base = sumMinor(values);
  if (base === 0 || base < rule.threshold) return discounts;
  const wanted = rule.amount !== undefined ? rule.amount : percentOf(base, rule.percentBps ?? 0);
  const shares = allocate(Math.min(wanted, base), values);
  candidates.forEach((li, k) => {
    discounts.set(li, shares[k]!);
  });
  return discounts;
}

/** Manual discounts come last: a line discount on what the line still costs, then basket discounts. */
function applyManualDiscounts(states: LineState[], manual: readonly ManualDiscountDoc[]) {
  const take = (s: LineState, amount: number, d: ManualDiscountDoc) => {
    const off = Math.min(amount, s.value);
    if (off <= 0) return;
    s.value = subtractMinor(s.value, off);
    s.adjustments.push({
      source: d.lineId === undefined ? 'manual-basket' : 'manual-line',
      manualDiscountId: d.id,
      label: d.reason,
      amount: off,
      approvedBy: d.approvedBy,
    });
  };
  for (const d of manual) {
    if (d.lineId === undefined) continue;
    const s = states.find((st) => st.line.id === d.lineId);
    if (s === undefined) continue;
    take(s, d.amount !== undefined ? d.amount : percentOf(s.value, d.percentBps ?? 0), d);
  }
  for (const d of manual) {
    if (d.lineId !== undefined) continue;
    const open = states.filter((s) => s.value > 0);
    const values = open.map((s) => s.value);
    const base = sumMinor(values);
    if (base === 0) continue;
    const wanted = d.amount !== undefined ? d.amount : percentOf(base, d.percentBps ?? 0);
    const shares = allocate(Math.min(wanted, base), values);
    open.forEach((s, k) => {
      take(s, shares[k]!, d);
    });
  }
}
