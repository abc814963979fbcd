import { multiplyByQuantity, multiplyByWeight, subtractMinor, sumMinor } from '../money/arithmetic.js';
import { err, ok, type Result } from '../result.js';
import { sameDocument } from '../schemas/device-write.js';
import type { SaleDoc, SaleLineDoc } from '../schemas/sales.js';
import { completeSale } from './complete-sale.js';
import { retotalSale } from './recompute-sale.js';

/** A completed sale whose figures disagree with each other; `path` names the field, `detail` the rule. */
export type SaleConsistencyReason = 'sale-inconsistent';

type Broken = { readonly path: string; readonly detail: string };

function differ(path: string, stated: unknown, computed: unknown, rule: string): Broken | undefined {
  // Amounts compare as numbers; the tax summary (an array of plain records) by value, whatever the key order:
  // stores reorder keys (PostgreSQL jsonb, the SQLite replica's schema-ordered format), the meaning stays.
  const same = typeof computed === 'number' ? stated === computed : sameDocument(stated, computed);
  return same
    ? undefined
    : { path, detail: `${rule}: says ${JSON.stringify(stated)}, computed ${JSON.stringify(computed)}` };
}

/** The line's own arithmetic: gross from price and quantity or weight, discount, amount. */
function checkLine(sale: SaleDoc, line: SaleLineDoc, path: string): Broken | undefined {
  if (line.voided) {
    if (sale.kind !== 'sale') return undefined;
    const counted = [line.gross, line.discount, line.amount, line.tax, line.total];
    return counted.every((a) => a === 0)
      ? undefined
      : {
          path,
          detail: 'a voided line counts for nothing: its gross, discount, amount, tax and total are 0',
        };
  }
  if (sale.kind === 'sale') {
    if (line.unit === 'weight' && line.weightGrams === undefined) {
      return { path: `${path}.weightGrams`, detail: 'a weighed line carries its net weight' };
    }
    const gross =
      line.unit === 'weight'
        ? multiplyByWeight(line.unitPrice, line.weightGrams ?? 0)
        : multiplyByQuantity(line.unitPrice, line.quantity);
    const grossBroken = differ(
      `${path}.gross`,
      line.gross,
      gross,
      'gross = unit price × quantity (or weight)',
    );
    if (grossBroken) return grossBroken;
    const discount = sumMinor(line.adjustments.map((a) => a.amount));
    const discountBroken = differ(
      `${path}.discount`,
      line.discount,
      discount,
      'discount = sum of adjustments',
    );
    if (discountBroken) return discountBroken;
    return differ(`${path}.amount`, line.amount, subtractMinor(gross, discount), 'amount = gross − discount');
  }
  // A return line carries the amounts refunded, prorated from the original sale (createReturn).
  return differ(
    `${path}.discount`,
    line.discount,
    Math.max(0, subtractMinor(line.gross, line.amount)),
    'discount = gross − amount',
  );
}

function check(sale: SaleDoc): Broken | undefined {
  if (sale.status !== 'completed' && sale.status !== 'suspended')
    return { path: 'status', detail: 'only a completed sale (or a suspended basket) is checked' };
  if (sale.completedAt === undefined)
    return { path: 'completedAt', detail: 'a completed sale (or a suspended basket) says when' };
  if (sale.status === 'suspended') {
    if (sale.kind !== 'sale') return { path: 'kind', detail: 'only a sale can be suspended, not a return' };
    if (sale.tenders.length > 0)
      return { path: 'tenders', detail: 'a suspended basket took no money: it has no tenders' };
  }
  if (sale.resumesSaleId !== undefined && sale.kind !== 'sale')
    return { path: 'resumesSaleId', detail: 'only a sale resumes a suspended basket' };
  if (sale.resumesSaleId === sale.id) return { path: 'resumesSaleId', detail: 'a sale cannot resume itself' };
  const codes = new Set<string>();
  for (const [i, coupon] of (sale.coupons ?? []).entries()) {
    if (codes.has(coupon.code))
      return { path: `coupons[${i}].code`, detail: `coupon ${coupon.code} is presented twice` };
    codes.add(coupon.code);
  }
  for (const [i, line] of sale.lines.entries()) {
    const broken = checkLine(sale, line, `lines[${i}]`);
    if (broken) return broken;
  }
  // One tax rate id, one rate: the summary groups lines by rate id.
  const rates = new Map<string, number>();
  for (const [i, line] of sale.lines.entries()) {
    if (line.voided) continue;
    const seen = rates.get(line.taxRateId);
    if (seen !== undefined && seen !== line.taxRateBps) {
      return {
        path: `lines[${i}].taxRateBps`,
        detail: `tax rate ${line.taxRateId} appears with ${seen} and ${line.taxRateBps} basis points`,
      };
    }
    rates.set(line.taxRateId, line.taxRateBps);
  }
  if (sale.kind === 'sale') {
    const byPromotion = new Map<string, number>();
    for (const line of sale.lines) {
      if (line.voided) continue;
      for (const a of line.adjustments) {
        if (a.source !== 'promotion' || a.promotionId === undefined) continue;
        byPromotion.set(a.promotionId, (byPromotion.get(a.promotionId) ?? 0) + a.amount);
      }
    }
    const stated = new Map(sale.promotions.map((p) => [p.promotionId, p.amount]));
    for (const [i, p] of sale.promotions.entries()) {
      const broken = differ(
        `promotions[${i}].amount`,
        p.amount,
        byPromotion.get(p.promotionId) ?? 0,
        `promotion ${p.promotionId} = sum of its line adjustments`,
      );
      if (broken) return broken;
    }
    for (const [promotionId, amount] of byPromotion) {
      if (!stated.has(promotionId)) {
        return {
          path: 'promotions',
          detail: `lines take ${amount} off for ${promotionId}, which is not listed`,
        };
      }
    }
  }
  // Tax, line totals, totals and settlement, recomputed by the same code that wrote them on the lane.
  const computed = retotalSale(sale);
  for (const [i, line] of sale.lines.entries()) {
    const c = computed.lines[i]!;
    const broken =
      differ(`lines[${i}].tax`, line.tax, c.tax, `tax of the line (${sale.taxMode}, ${sale.taxRounding})`) ??
      differ(
        `lines[${i}].total`,
        line.total,
        c.total,
        sale.taxMode === 'inclusive' ? 'total = amount' : 'total = amount + tax',
      );
    if (broken) return broken;
  }
  const taxes = differ('taxes', sale.taxes, computed.taxes, 'tax summary = per-rate sums of the lines');
  if (taxes) return taxes;
  const rules: Record<keyof SaleDoc['totals'], string> = {
    gross: 'totals.gross = sum of the lines’ gross',
    discount: 'totals.discount = sum of the lines’ discounts',
    tax: 'totals.tax = sum of the tax summary',
    total: 'totals.total = sum of the lines’ totals',
    cashRounding: 'totals.cashRounding = due − total, the cash part rounded to the cash step',
    due: 'totals.due = total + cash rounding',
    paid: 'totals.paid = sum of the tenders',
    change: 'totals.change = paid − due, in cash only',
  };
  for (const field of Object.keys(rules) as (keyof SaleDoc['totals'])[]) {
    const broken = differ(`totals.${field}`, sale.totals[field], computed.totals[field], rules[field]);
    if (broken) return broken;
  }
  if (sale.status === 'suspended') {
    if (!sale.lines.some((l) => !l.voided))
      return { path: 'lines', detail: 'a suspended basket has at least one live line' };
    return undefined;
  }
  // And the rules of completing it: not empty, paid in full (a return refunded exactly), age checked.
  const completed = completeSale({ ...sale, status: 'open' }, sale.completedAt);
  if (!completed.ok)
    return { path: 'status', detail: `${completed.reason}: ${completed.detail ?? ''}`.trim() };
  return undefined;
}

/**
 * Checks that a completed sale or return agrees with itself, as a server does before storing what a device
 * pushed: each line's gross, discount and amount, the promotions against the line adjustments, the tax of
 * every line and the tax summary (recomputed with the sale's tax mode and rounding), the line totals, the
 * document totals, what the tenders settle (cash rounding, change) and the rules of completion. The first
 * broken rule is returned with the field it concerns. Amounts no safe integer can hold are refused, never
 * thrown. The sale is expected to have passed schema validation.
 */
export function checkCompletedSale(sale: SaleDoc): Result<SaleDoc, SaleConsistencyReason> {
  let broken: Broken | undefined;
  try {
    broken = check(sale);
  } catch (error) {
    // The money module throws RangeError when a sum leaves the safe-integer range: bad input, not a bug.
    if (!(error instanceof RangeError)) throw error;
    broken = { path: 'totals', detail: `amounts out of range: ${error.message}` };
  }
  return broken ? err('sale-inconsistent', `${broken.path}: ${broken.detail}`, broken.path) : ok(sale);
}
