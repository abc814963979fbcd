import type { EmployeeDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useLaneFormat } from '../../app/use-format.js';
import { useSubject } from '../../app/use-observable.js';
import { DEFAULT_PIN_LOCKOUT } from '../../auth/pin-lockout.js';
import { ApprovalDialog } from '../approval/ApprovalDialog.js';

/** An employee locked at this lane after too many wrong PINs: a supervisor unlocks, or the lock runs out. */
export function LockScreen({
  employee,
  until,
  newId,
  onUnlocked,
  onBack,
}: {
  employee: EmployeeDoc;
  until: number;
  newId(): string;
  onUnlocked(approverId: string): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const f = useLaneFormat(useSubject(lane.catalog.snapshot));
  const [asking, setAsking] = useState(false);
  return (
    <main className="panel narrow lock-screen" data-testid="lock-screen">
      <h1>{t('supervisor.lockedTitle')}</h1>
      <p role="alert" className="error">
        {t('supervisor.lockedText', {
          name: employee.name,
          count: DEFAULT_PIN_LOCKOUT.maxFailures,
          time: f.dateTime(until),
        })}
      </p>
      <div className="actions">
        <button type="button" onClick={() => setAsking(true)}>
          {t('supervisor.unlock')}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t('supervisor.otherEmployee')}
        </button>
      </div>
      {asking && (
        <ApprovalDialog
          action="sign-in.unlock"
          title={t('supervisor.unlockSubject', { name: employee.name })}
          requesterId={employee.id}
          newId={newId}
          onCancel={() => setAsking(false)}
          onApproved={(a) => {
            setAsking(false);
            onUnlocked(a.approver.id);
          }}
        />
      )}
    </main>
  );
}
