import { currencyOf } from '../money/currencies.js';
import type { PointsEntryDoc } from '../schemas/loyalty-entries.js';
import type { SaleDoc } from '../schemas/sales.js';

/**
 * Points a completed document moves on its member's balance: a sale earns one point per whole unit of the
 * currency paid for goods (its total after every discount, before cash rounding); a return takes back the
 * points of what it refunds, the same way. 0 without a member.
 */
export function pointsFor(sale: Pick<SaleDoc, 'memberId' | 'kind' | 'currency' | 'totals'>): number {
  if (sale.memberId === undefined) return 0;
  const currency = currencyOf(sale.currency);
  const unit = 10 ** (currency.ok ? currency.value.exponent : 2);
  const points = Math.floor(sale.totals.total / unit);
  return sale.kind === 'return' ? -points : points;
}

/**
 * The loyalty entry a completed sale or return writes for its member, on the selling device and offline if
 * need be: 'points-earned' for a sale, 'points-adjusted' (negative) for a return. Undefined when no points
 * move. The member's balance is derived from the ledger everywhere (pointsBalance), never sent as a number.
 */
export function pointsEntryFor(
  sale: SaleDoc,
  id: string,
  employeeId: string,
  createdAt: number,
): PointsEntryDoc | undefined {
  if (sale.status !== 'completed' || sale.memberId === undefined) return undefined;
  const points = pointsFor(sale);
  if (points === 0) return undefined;
  return {
    id,
    storeId: sale.storeId,
    kind: sale.kind === 'return' ? 'points-adjusted' : 'points-earned',
    memberId: sale.memberId,
    saleId: sale.id,
    couponCode: '',
    points,
    deviceId: sale.deviceId,
    employeeId,
    createdAt,
  };
}
