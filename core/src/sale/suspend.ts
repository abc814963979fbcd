import { err, ok, type Result } from '../result.js';
import type { SaleDoc } from '../schemas/sales.js';
import { emptyTotals, ensureOpen } from './open-sale.js';
import { type PricingEnv, recomputeSale } from './recompute-sale.js';
import type { SaleError } from './sale-error.js';

/**
 * Suspends an open sale at its own lane: the document is closed as 'suspended' with its lines, member and
 * coupons, final from now on (each device writes only its own documents). It is never a sale: no money was
 * taken, and reports count only completed sales. Refused once anything was tendered (refund it first).
 */
export function suspendSale(sale: SaleDoc, suspendedAt: number): Result<SaleDoc, SaleError> {
  const open = ensureOpen(sale);
  if (!open.ok) return open;
  if (sale.kind !== 'sale') return err('nothing-to-suspend', 'only a sale can be suspended, not a return');
  if (!sale.lines.some((l) => !l.voided)) return err('nothing-to-suspend', 'the basket is empty');
  if (sale.tenders.length > 0)
    return err('tenders-present', 'money was already taken on this sale: remove the tenders first');
  return ok({ ...sale, status: 'suspended', completedAt: suspendedAt });
}

export interface ResumeSaleInput {
  /** The suspended basket, from the store's replica (any lane's). */
  readonly suspended: SaleDoc;
  /** Every sale of the store known here: a basket some sale already resumes is refused. */
  readonly storeSales: Iterable<SaleDoc>;
  /** UUIDv7 of the new sale, made on the resuming device. */
  readonly id: string;
  readonly deviceId: string;
  readonly shiftId: string;
  readonly cashierId: string;
  readonly businessDay: string;
  readonly openedAt: number;
}

/** The sale that resumes `suspendedId`, when one is known (a cancelled one gives the basket back). */
export function resumedBy(suspendedId: string, storeSales: Iterable<SaleDoc>): SaleDoc | undefined {
  for (const s of storeSales)
    if (s.resumesSaleId === suspendedId && s.kind === 'sale' && s.status !== 'cancelled') return s;
  return undefined;
}

/**
 * Rings a new open sale of the resuming lane with the suspended basket's live lines, member and coupons,
 * repriced with the promotions in force now, naming the basket in `resumesSaleId`. The suspended document
 * itself is untouched (it belongs to the lane that suspended it); `suspendedBaskets` hides it from then on.
 */
export function resumeSale(input: ResumeSaleInput, env: PricingEnv): Result<SaleDoc, SaleError> {
  const { suspended } = input;
  if (suspended.status !== 'suspended' || suspended.kind !== 'sale')
    return err('not-suspended', `sale ${suspended.id} is not a suspended basket`, 'suspended');
  const taken = resumedBy(suspended.id, input.storeSales);
  if (taken && taken.id !== input.id)
    return err(
      'already-resumed',
      `basket ${suspended.id} was resumed by sale ${taken.id} at ${taken.deviceId}`,
    );
  const sale: SaleDoc = {
    id: input.id,
    storeId: suspended.storeId,
    deviceId: input.deviceId,
    shiftId: input.shiftId,
    cashierId: input.cashierId,
    kind: 'sale',
    status: 'open',
    businessDay: input.businessDay,
    currency: suspended.currency,
    taxMode: suspended.taxMode,
    taxRounding: suspended.taxRounding,
    cashRoundingStep: suspended.cashRoundingStep,
    openedAt: input.openedAt,
    resumesSaleId: suspended.id,
    lines: suspended.lines.filter((l) => !l.voided).map((l) => ({ ...l, adjustments: [] })),
    manualDiscounts: suspended.manualDiscounts.filter(
      (d) => d.lineId === undefined || suspended.lines.some((l) => l.id === d.lineId && !l.voided),
    ),
    promotions: [],
    taxes: [],
    tenders: [],
    totals: emptyTotals(),
  };
  if (suspended.memberId !== undefined) sale.memberId = suspended.memberId;
  if (suspended.coupons !== undefined && suspended.coupons.length > 0)
    sale.coupons = suspended.coupons.map((c) => ({ ...c }));
  if (suspended.ageVerifiedBy !== undefined) sale.ageVerifiedBy = suspended.ageVerifiedBy;
  return ok(recomputeSale(sale, env));
}

/**
 * The store's suspended baskets still waiting to be resumed, oldest first: suspended documents no live
 * sale names in `resumesSaleId`. Derived from the replicated sales, never stored.
 */
export function suspendedBaskets(storeSales: Iterable<SaleDoc>): SaleDoc[] {
  const all = [...storeSales];
  const taken = new Set<string>();
  for (const s of all)
    if (s.resumesSaleId !== undefined && s.kind === 'sale' && s.status !== 'cancelled')
      taken.add(s.resumesSaleId);
  const seen = new Set<string>();
  return all
    .filter((s) => {
      if (s.status !== 'suspended' || taken.has(s.id) || seen.has(s.id)) return false;
      seen.add(s.id);
      return true;
    })
    .sort((a, b) => (a.completedAt ?? a.openedAt) - (b.completedAt ?? b.openedAt) || (a.id < b.id ? -1 : 1));
}
