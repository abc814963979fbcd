import type { EmployeeDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneFormat } from '../../format/lane-format.js';
import type { ResolveFailure } from '../../self-checkout/alerts-client.js';
import { alertTitle, alertWeights } from './alert-text.js';
import { KioskFrame } from './KioskFrame.js';
import { type Answer, ResolvePanel } from './ResolvePanel.js';

export interface KioskLock {
  readonly alertId?: string;
  readonly kind: string;
  readonly productName: string;
  readonly facts: Record<string, string | number | boolean>;
  /** Waiting for the shopper to put the bagging area right (after a rejection), no attendant needed. */
  readonly restore?: boolean;
  /** The alert could not reach the edge agent yet (it is sent again until it does). */
  readonly unsent?: boolean;
}

/** The kiosk is locked: what happened, that help is coming, and the attendant's PIN on the kiosk itself. */
export function LockedScreen({
  lock,
  f,
  attendants,
  placeItem,
  onAnswer,
}: {
  lock: KioskLock;
  /** The scanned item still to be bagged: the shopper may bag it while waiting. */
  placeItem?: string | undefined;
  f: LaneFormat;
  attendants: readonly EmployeeDoc[];
  onAnswer(
    employeeId: string,
    pin: string,
    answer: Answer,
  ): Promise<{ ok: true } | { ok: false; failure: ResolveFailure }>;
}) {
  const { t } = useTranslation();
  const [attending, setAttending] = useState(false);
  const weights = alertWeights(t, f, lock.facts);
  return (
    <KioskFrame
      title={
        lock.restore
          ? t(`kiosk.restore.${lock.kind}`, { defaultValue: t('kiosk.restore.default') })
          : alertTitle(t, lock.kind)
      }
    >
      <div className="kiosk-locked" role="alert" data-testid="kiosk-locked" data-kind={lock.kind}>
        {lock.productName && <p className="kiosk-lead">{lock.productName}</p>}
        {weights && <p className="kiosk-weights">{weights}</p>}
        {placeItem && !lock.restore && (
          <p className="kiosk-lead" data-testid="locked-place-item">
            {t('kiosk.placeItem', { name: placeItem })}
          </p>
        )}
        <p className="kiosk-lead">
          {lock.restore
            ? t('kiosk.restoreHint')
            : lock.unsent
              ? t('kiosk.callingHelp')
              : t('kiosk.helpComing')}
        </p>
      </div>
      {!lock.restore &&
        lock.alertId &&
        (attending ? (
          <ResolvePanel attendants={attendants} onAnswer={onAnswer} onCancel={() => setAttending(false)} />
        ) : (
          <button type="button" className="secondary kiosk-attendant" onClick={() => setAttending(true)}>
            {t('kiosk.attendantOnKiosk')}
          </button>
        ))}
    </KioskFrame>
  );
}
