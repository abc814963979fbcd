import { addMinor, subtractMinor, sumMinor } from '../money/arithmetic.js';
import { err, ok, type Result } from '../result.js';
import type { CashMovementDoc } from '../schemas/cash-movements.js';
import type { SaleDoc, TenderKind } from '../schemas/sales.js';
import type { ShiftDoc } from '../schemas/shifts.js';
import type { ShiftError } from './shift-error.js';

export interface ReportTotals {
  readonly count: number;
  readonly gross: number;
  readonly discount: number;
  readonly tax: number;
  /** Sum of `totals.due`: what was taken (sales) or paid back (returns), cash rounding included. */
  readonly due: number;
  readonly cashRounding: number;
}

export interface ReportTax {
  readonly taxRateId: string;
  readonly label: string;
  readonly rateBps: number;
  /** Sales minus returns; negative when more was refunded than sold. */
  readonly base: number;
  readonly tax: number;
}

export interface ReportTender {
  readonly kind: TenderKind;
  /** Brought in by sales (cash net of change). */
  readonly received: number;
  /** Paid back by returns. */
  readonly refunded: number;
  readonly net: number;
}

export interface ReportCash {
  readonly openingFloat: number;
  readonly sales: number;
  readonly refunds: number;
  readonly paidIn: number;
  readonly paidOut: number;
  readonly drops: number;
  /** What the drawers should hold: float + cash sales − cash refunds + paid-in − paid-out − drops. */
  readonly expected: number;
  /** Present when every shift in the report is closed and counted. */
  readonly counted?: number;
  /** counted − expected: negative is a shortage. */
  readonly variance?: number;
}

export interface ShiftReport {
  /** X: mid-shift reading, changes nothing. Z: end of day, every shift closed. */
  readonly kind: 'X' | 'Z';
  readonly storeId: string;
  readonly currency: string;
  readonly shiftIds: string[];
  readonly sales: ReportTotals;
  readonly returns: ReportTotals;
  readonly discounts: {
    readonly promotions: number;
    readonly memberPrices: number;
    readonly manual: number;
    readonly byPromotion: { readonly promotionId: string; readonly label: string; readonly amount: number }[];
  };
  readonly taxes: ReportTax[];
  readonly tenders: ReportTender[];
  readonly cash: ReportCash;
  /** sales.due − returns.due. */
  readonly net: number;
}

export interface ReportInput {
  readonly shifts: readonly ShiftDoc[];
  /** Sales and returns; only completed ones of the report's shifts count, anything else is ignored. */
  readonly sales: readonly SaleDoc[];
  readonly movements: readonly CashMovementDoc[];
}

const TENDER_KINDS: readonly TenderKind[] = ['cash', 'card', 'wallet', 'voucher'];

function totalsOf(docs: readonly SaleDoc[]): ReportTotals {
  return {
    count: docs.length,
    gross: sumMinor(docs.map((d) => d.totals.gross)),
    discount: sumMinor(docs.map((d) => d.totals.discount)),
    tax: sumMinor(docs.map((d) => d.totals.tax)),
    due: sumMinor(docs.map((d) => d.totals.due)),
    cashRounding: sumMinor(docs.map((d) => d.totals.cashRounding)),
  };
}

function tenderedIn(doc: SaleDoc, kind: TenderKind): number {
  const amount = sumMinor(doc.tenders.filter((t) => t.kind === kind).map((t) => t.amount));
  return kind === 'cash' ? subtractMinor(amount, doc.totals.change) : amount;
}

/**
 * X report of one or more shifts (typically the open shift of a lane). Everything is computed from the
 * completed sale documents and the cash movements, never from running counters.
 */
export function xReport(input: ReportInput): Result<ShiftReport, ShiftError> {
  return buildReport('X', input);
}

/** Z report of a store's business day: every shift of the day must be closed and counted. */
export function zReport(input: ReportInput): Result<ShiftReport, ShiftError> {
  const open = input.shifts.find((s) => s.status !== 'closed');
  if (open !== undefined) return err('shift-open', `shift ${open.id} is still open`, 'shifts');
  return buildReport('Z', input);
}

function buildReport(kind: 'X' | 'Z', input: ReportInput): Result<ShiftReport, ShiftError> {
  const first = input.shifts[0];
  if (first === undefined) return err('no-shifts', 'a report covers at least one shift', 'shifts');
  const { currency, storeId } = first;
  for (const s of input.shifts) {
    if (s.storeId !== storeId)
      return err('mixed-stores', `shift ${s.id} belongs to store ${s.storeId}`, 'shifts');
    if (s.currency !== currency)
      return err('currency-mismatch', `shift ${s.id} is in ${s.currency}`, 'shifts');
  }
  const shiftIds = new Set(input.shifts.map((s) => s.id));
  const docs = input.sales.filter((d) => shiftIds.has(d.shiftId) && d.status === 'completed');
  const moves = input.movements.filter((m) => shiftIds.has(m.shiftId));
  for (const d of docs) {
    if (d.currency !== currency) return err('currency-mismatch', `sale ${d.id} is in ${d.currency}`, 'sales');
  }
  for (const m of moves) {
    if (m.currency !== currency)
      return err('currency-mismatch', `movement ${m.id} is in ${m.currency}`, 'movements');
  }
  const sales = docs.filter((d) => d.kind === 'sale');
  const returns = docs.filter((d) => d.kind === 'return');

  const byPromotion = new Map<string, { promotionId: string; label: string; amount: number }>();
  let promotions = 0;
  let memberPrices = 0;
  let manual = 0;
  for (const d of sales) {
    for (const l of d.lines) {
      if (l.voided) continue;
      for (const a of l.adjustments) {
        if (a.source === 'promotion') {
          promotions = addMinor(promotions, a.amount);
          const id = a.promotionId ?? '';
          const entry = byPromotion.get(id) ?? { promotionId: id, label: a.label, amount: 0 };
          entry.amount = addMinor(entry.amount, a.amount);
          byPromotion.set(id, entry);
        } else if (a.source === 'member-price') memberPrices = addMinor(memberPrices, a.amount);
        else manual = addMinor(manual, a.amount);
      }
    }
  }

  const taxes = new Map<
    string,
    { taxRateId: string; label: string; rateBps: number; base: number; tax: number }
  >();
  for (const d of docs) {
    // Returns count against the day: their tax comes off the sales' tax.
    const apply = d.kind === 'sale' ? addMinor : subtractMinor;
    for (const t of d.taxes) {
      const entry = taxes.get(t.taxRateId) ?? {
        taxRateId: t.taxRateId,
        label: t.label,
        rateBps: t.rateBps,
        base: 0,
        tax: 0,
      };
      entry.base = apply(entry.base, t.base);
      entry.tax = apply(entry.tax, t.tax);
      taxes.set(t.taxRateId, entry);
    }
  }

  const tenders = TENDER_KINDS.map((k) => {
    const received = sumMinor(sales.map((d) => tenderedIn(d, k)));
    const refunded = sumMinor(returns.map((d) => tenderedIn(d, k)));
    return { kind: k, received, refunded, net: subtractMinor(received, refunded) };
  }).filter((t) => t.received !== 0 || t.refunded !== 0);

  const moved = (k: CashMovementDoc['kind']) =>
    sumMinor(moves.filter((m) => m.kind === k).map((m) => m.amount));
  const openingFloat = sumMinor(input.shifts.map((s) => s.openingFloat));
  const cashSales = sumMinor(sales.map((d) => tenderedIn(d, 'cash')));
  const cashRefunds = sumMinor(returns.map((d) => tenderedIn(d, 'cash')));
  const paidIn = moved('paid-in');
  const paidOut = moved('paid-out');
  const drops = moved('drop');
  const expected = subtractMinor(
    sumMinor([openingFloat, cashSales, paidIn]),
    sumMinor([cashRefunds, paidOut, drops]),
  );
  let cash: ReportCash = {
    openingFloat,
    sales: cashSales,
    refunds: cashRefunds,
    paidIn,
    paidOut,
    drops,
    expected,
  };
  if (input.shifts.every((s) => s.closingCount !== undefined)) {
    const counted = sumMinor(input.shifts.map((s) => s.closingCount?.total ?? 0));
    cash = { ...cash, counted, variance: subtractMinor(counted, expected) };
  }

  const salesTotals = totalsOf(sales);
  const returnTotals = totalsOf(returns);
  return ok({
    kind,
    storeId,
    currency,
    shiftIds: [...shiftIds].sort(),
    sales: salesTotals,
    returns: returnTotals,
    discounts: {
      promotions,
      memberPrices,
      manual,
      byPromotion: [...byPromotion.values()].sort(
        (a, b) => b.amount - a.amount || (a.promotionId < b.promotionId ? -1 : 1),
      ),
    },
    taxes: [...taxes.values()].sort((a, b) => b.rateBps - a.rateBps || (a.taxRateId < b.taxRateId ? -1 : 1)),
    tenders,
    cash,
    net: subtractMinor(salesTotals.due, returnTotals.due),
  });
}
