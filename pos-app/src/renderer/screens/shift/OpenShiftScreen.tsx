import { type EmployeeDoc, openShift, parseDecimalAmount, type ShiftDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { businessDayAt } from '../../sale/pricing-env.js';

/** Opens the cashier's shift with the float put in the drawer. */
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
  const [float, setFloat] = useState('100.00');
  const [error, setError] = useState<string>();
  const currency = catalog.store?.currency ?? 'EUR';
  const submit = async () => {
    const amount = parseDecimalAmount(float, currency);
    if (!amount.ok) return setError(t('shift.failed', { reason: amount.reason }));
    const now = Date.now();
    const shift = openShift({
      id: newId(),
      storeId: lane.identity.storeId,
      deviceId: lane.identity.deviceId,
      cashierId: cashier.id,
      businessDay: businessDayAt(catalog, now),
      currency,
      openingFloat: amount.value,
      openedAt: now,
    });
    if (!shift.ok) return setError(t('shift.failed', { reason: shift.reason }));
    await lane.db.shifts.insert(shift.value);
    lane.sync.wrote('shifts', shift.value.id);
    onOpened(shift.value);
  };
  return (
    <main className="panel narrow">
      <h1>{t('shift.openTitle')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('shift.float')} ({currency})
          <input
            value={float}
            onChange={(e) => setFloat(e.target.value)}
            inputMode="decimal"
            aria-label={t('shift.float')}
          />
        </label>
        <button type="submit">{t('shift.open')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </main>
  );
}
