import {
  type CashMovementDoc,
  closeShift,
  denominationsOf,
  type EmployeeDoc,
  type SaleDoc,
  type ShiftDoc,
  type ShiftReport,
  totalCashCount,
  xReport,
  zReport,
} from '@storefloor/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { reportLayout } from '../../receipt/report-layout.js';

/** Close the shift: count the drawer by denomination, print X (mid-shift) or close and print Z. */
export function CloseShiftScreen({
  shift,
  cashier,
  onBack,
  onClosed,
}: {
  shift: ShiftDoc;
  cashier: EmployeeDoc;
  onBack(): void;
  onClosed(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const denominations = denominationsOf(shift.currency);
  const values = denominations.ok ? denominations.value : [];
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [report, setReport] = useState<ShiftReport>();
  // Kept as a function of the translator so a language switch re-renders it.
  const [message, setMessage] = useState<(tr: typeof t) => string>();
  const count = values.map((value) => ({ value, count: Number(counts[value] ?? '0') || 0 }));
  const counted = totalCashCount(shift.currency, count);

  const inputs = async () => {
    const sales = (await lane.db.sales.find({ selector: { shiftId: shift.id } }).exec()).map(
      (d) => d.toMutableJSON() as SaleDoc,
    );
    const movements = (await lane.db.cash_movements.find({ selector: { shiftId: shift.id } }).exec()).map(
      (d) => d.toMutableJSON() as CashMovementDoc,
    );
    return { sales, movements };
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the X figures are read once when the screen opens.
  useEffect(() => {
    void inputs().then(({ sales, movements }) => {
      const x = xReport({ shifts: [shift], sales, movements });
      if (x.ok) setReport(x.value);
    });
  }, []);
  const text = {
    title: t('close.reportTitle'),
    sales: t('close.sales'),
    returns: t('close.returns'),
    discounts: t('close.discounts'),
    tax: t('receipt.taxSummary'),
    cash: t('receipt.cash'),
    card: t('receipt.card'),
    float: t('shift.float'),
    expected: t('close.expected'),
    counted: t('close.counted'),
    variance: t('close.variance'),
    net: t('close.net'),
  };
  const print = async (r: ShiftReport) => {
    const done = await lane.devices.invoke('printer', 'printer.print', {
      jobId: `${shift.id}-${r.kind}-${Date.now()}`,
      receipt: reportLayout(r, f, text, Date.now()) as never,
    });
    setMessage(
      () => (tr: typeof t) =>
        done.ok
          ? tr('close.printed', { kind: r.kind })
          : tr('receipt.printFailed', { reason: tr(`errors.${done.reason}`, { defaultValue: done.reason }) }),
    );
  };
  const close = async () => {
    const closed = closeShift(shift, { closedAt: Date.now(), closedBy: cashier.id, count });
    if (!closed.ok) return setMessage(() => (tr: typeof t) => tr('close.failed', { reason: closed.reason }));
    await lane.db.shifts.upsert(closed.value);
    lane.sync.wrote('shifts', closed.value.id);
    const { sales, movements } = await inputs();
    const z = zReport({ shifts: [closed.value], sales, movements });
    if (z.ok) await print(z.value);
    onClosed();
  };
  return (
    <main className="panel">
      <h1>{t('close.title')}</h1>
      {report && (
        <dl className="totals">
          <dt>{t('close.sales')}</dt>
          <dd data-testid="x-sales">{f.money(report.sales.due)}</dd>
          <dt>{t('close.expected')}</dt>
          <dd data-testid="x-expected">{f.money(report.cash.expected)}</dd>
        </dl>
      )}
      <div className="denominations">
        {values.map((value) => (
          <label key={value}>
            {f.money(value)}
            <input
              inputMode="numeric"
              value={counts[value] ?? ''}
              onChange={(e) => setCounts({ ...counts, [value]: e.target.value })}
              aria-label={t('close.countOf', { value: f.money(value) })}
            />
          </label>
        ))}
      </div>
      <p>
        {t('close.counted')}:{' '}
        <strong data-testid="counted-total">{f.money(counted.ok ? counted.value : 0)}</strong>
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!report}
          onClick={() => report && void print(report)}
        >
          {t('close.printX')}
        </button>
        <button type="button" onClick={() => void close()}>
          {t('close.closeZ')}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t('pay.back')}
        </button>
      </div>
      {message && <p role="status">{message(t)}</p>}
    </main>
  );
}
