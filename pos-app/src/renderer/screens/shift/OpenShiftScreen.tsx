import {
  denominationsOf,
  type EmployeeDoc,
  openShift,
  type ShiftDoc,
  totalCashCount,
} from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { writeAudit } from '../../audit/audit-log.js';
import { businessDayAt } from '../../sale/pricing-env.js';

/**
 * Opens the cashier's shift with the float counted in the drawer note by note and coin by coin, in the store's
 * currency (core's `denominationsOf` / `totalCashCount`). The count itself is audited (`shift.open`), so the
 * close-of-day variance can be traced to the float.
 */
export function OpenShiftScreen({
  cashier,
  newId,
  onOpened,
}: {
  cashier: EmployeeDoc;
  newId(): string;
  onOpened(s: ShiftDoc): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const currency = catalog.store?.currency ?? 'EUR';
  const denominations = denominationsOf(currency);
  const values = denominations.ok ? denominations.value : [];
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const parsed = values.map((value) => {
    const text = (counts[value] ?? '').trim();
    return { value, count: text === '' ? 0 : /^\d+$/.test(text) ? Number(text) : Number.NaN };
  });
  const total = totalCashCount(currency, parsed);
  const submit = async () => {
    if (!total.ok) return setError(t('shift.failed', { reason: t(`supervisor.countError.${total.reason}`) }));
    const now = Date.now();
    const shift = openShift({
      id: newId(),
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      cashierId: cashier.id,
      businessDay: businessDayAt(catalog, now),
      currency,
      openingFloat: total.value,
      openedAt: now,
    });
    if (!shift.ok) return setError(t('shift.failed', { reason: shift.reason }));
    setBusy(true);
    await lane.db.shifts.insert(shift.value);
    lane.sync.wrote('shifts', shift.value.id);
    const facts: Record<string, number | string> = { currency, openingFloat: total.value };
    for (const d of parsed) if (d.count > 0) facts[`count.${d.value}`] = d.count;
    await writeAudit(
      lane,
      newId(),
      {
        action: 'shift.open',
        employeeId: cashier.id,
        subject: { collection: 'shifts', id: shift.value.id },
        facts,
      },
      now,
    );
    onOpened(shift.value);
  };
  return (
    <main className="panel">
      <h1>{t('shift.openTitle')}</h1>
      <p className="hint">{t('supervisor.floatHint', { currency })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="denominations">
          {values.map((value, i) => (
            <label key={value}>
              {f.money(value)}
              <input
                inputMode="numeric"
                value={counts[value] ?? ''}
                placeholder="0"
                onChange={(e) => setCounts({ ...counts, [value]: e.target.value })}
                aria-label={t('close.countOf', { value: f.money(value) })}
                // biome-ignore lint/a11y/noAutofocus: the count starts at the largest note
                autoFocus={i === 0}
              />
            </label>
          ))}
        </div>
        <dl className="totals">
          <dt className="grand">{t('shift.float')}</dt>
          <dd className="grand" data-testid="float-total">
            {total.ok ? f.money(total.value) : t(`supervisor.countError.${total.reason}`)}
          </dd>
        </dl>
        <button type="submit" disabled={busy || !total.ok}>
          {t('shift.open')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </main>
  );
}
