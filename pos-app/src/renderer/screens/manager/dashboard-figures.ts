import type { AuditEntryDoc, SaleDoc, TenderKind } from '@storefloor/core';

/** One bar of the sales-by-hour chart: the store's local hour and what it took. */
export interface HourFigure {
  readonly hour: number;
  readonly sales: number;
  readonly takings: number;
}

export interface ProductFigure {
  readonly productId: string;
  readonly description: string;
  readonly quantity: number;
  readonly takings: number;
}

export interface DashboardFigures {
  readonly saleCount: number;
  /** Sum of the completed sales' `totals.due`, minor units. */
  readonly takings: number;
  /** takings / saleCount rounded half-up to a minor unit; 0 with no sales. */
  readonly averageBasket: number;
  readonly byHour: readonly HourFigure[];
  readonly topProducts: readonly ProductFigure[];
  readonly tenders: readonly { readonly kind: TenderKind; readonly amount: number }[];
  /** Sales still open on a lane, by device: a day-end must name them. */
  readonly openSales: readonly { readonly deviceId: string; readonly saleId: string }[];
}

/** The hour (0–23) of an instant in a time zone, with one formatter per zone (10,000 sales, one each). */
export function hourIn(timeZone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (instant) => Number(format.format(instant)) % 24;
}

const TENDERS: readonly TenderKind[] = ['cash', 'card', 'wallet', 'voucher'];

/**
 * The dashboard's figures from one business day's sale documents: completed sales only ('sale' kind; returns
 * subtract), cash net of change, voided lines left out. Pure, so the dashboard and its tests agree.
 */
export function dashboardFigures(
  sales: readonly SaleDoc[],
  options: { readonly timeZone: string; readonly top?: number },
): DashboardFigures {
  const hourOf = hourIn(options.timeZone);
  const hours = Array.from({ length: 24 }, () => ({ sales: 0, takings: 0 }));
  const products = new Map<string, { description: string; quantity: number; takings: number }>();
  const tenders = new Map<TenderKind, number>(TENDERS.map((k) => [k, 0]));
  const openSales: { deviceId: string; saleId: string }[] = [];
  let saleCount = 0;
  let takings = 0;
  for (const sale of sales) {
    if (sale.status === 'open') {
      openSales.push({ deviceId: sale.deviceId, saleId: sale.id });
      continue;
    }
    if (sale.status !== 'completed') continue;
    const sign = sale.kind === 'return' ? -1 : 1;
    if (sale.kind === 'sale') saleCount += 1;
    takings += sign * sale.totals.due;
    const hour = hours[hourOf(sale.completedAt ?? sale.openedAt)]!;
    if (sale.kind === 'sale') hour.sales += 1;
    hour.takings += sign * sale.totals.due;
    for (const line of sale.lines) {
      if (line.voided || line.productId === '') continue;
      const p = products.get(line.productId) ?? { description: line.description, quantity: 0, takings: 0 };
      p.quantity += sign * line.quantity;
      p.takings += sign * (line.gross - line.discount);
      products.set(line.productId, p);
    }
    for (const tender of sale.tenders) {
      tenders.set(tender.kind, (tenders.get(tender.kind) ?? 0) + sign * tender.amount);
    }
    if (sale.totals.change > 0) tenders.set('cash', (tenders.get('cash') ?? 0) - sign * sale.totals.change);
  }
  const topProducts = [...products.entries()]
    .map(([productId, p]) => ({ productId, ...p }))
    .sort((a, b) => b.takings - a.takings || a.productId.localeCompare(b.productId))
    .slice(0, options.top ?? 10);
  return {
    saleCount,
    takings,
    averageBasket: saleCount === 0 ? 0 : Math.floor((2 * takings + saleCount) / (2 * saleCount)),
    byHour: hours.map((h, hour) => ({ hour, ...h })),
    topProducts,
    tenders: TENDERS.map((kind) => ({ kind, amount: tenders.get(kind) ?? 0 })),
    openSales,
  };
}

/** Actions of audit entries that are kiosk interventions (whatever the kiosk slice names them). */
export function isIntervention(entry: Pick<AuditEntryDoc, 'action'>): boolean {
  return /^(kiosk|attendant|intervention)\./.test(entry.action) || entry.action.includes('intervention');
}

/** Interventions of the day by action, most frequent first. */
export function interventionsByAction(
  entries: readonly AuditEntryDoc[],
): readonly { readonly action: string; readonly count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) if (isIntervention(e)) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
  return [...counts.entries()]
    .map(([action, count]) => ({ action, count }))
    .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action));
}
