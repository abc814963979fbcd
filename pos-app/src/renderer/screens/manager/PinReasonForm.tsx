import type { EmployeeDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managerByPin } from './manager-audit.js';

/** A manager's PIN and a reason, as every override on these screens needs; nothing happens on a wrong PIN. */
export function PinReasonForm({
  employees,
  submitLabel,
  onApproved,
  onCancel,
}: {
  employees: readonly EmployeeDoc[];
  submitLabel: string;
  onApproved(manager: EmployeeDoc, reason: string): void | Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [state, setState] = useState<'idle' | 'checking' | 'wrong'>('idle');
  return (
    <form
      className="pin-reason"
      onSubmit={(e) => {
        e.preventDefault();
        setState('checking');
        void managerByPin(employees, pin).then(async (manager) => {
          if (!manager) {
            setPin('');
            setState('wrong');
            return;
          }
          await onApproved(manager, reason.trim());
        });
      }}
    >
      <label>
        {t('manager.managerPin')}
        <input
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          aria-label={t('manager.managerPin')}
        />
      </label>
      <label>
        {t('manager.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('manager.reason')} />
      </label>
      <button type="submit" disabled={state === 'checking' || pin.length < 4 || reason.trim().length < 3}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('manager.cancel')}
      </button>
      {state === 'wrong' && (
        <p role="alert" className="error">
          {t('manager.pinWrong')}
        </p>
      )}
    </form>
  );
}
