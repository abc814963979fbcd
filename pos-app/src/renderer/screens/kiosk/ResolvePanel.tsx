import type { EmployeeDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolveFailure } from '../../self-checkout/alerts-client.js';
import { PinPad } from './PinPad.js';

export type Answer = 'approve' | 'reject';

/** Employees who may answer kiosk alerts. */
export function attendantsOf(employees: readonly EmployeeDoc[]): EmployeeDoc[] {
  return employees.filter((e) => e.active && e.roles.some((r) => r === 'supervisor' || r === 'manager'));
}

/**
 * An attendant answers an alert: who they are, approve or reject, then their PIN (checked at the edge
 * agent, which counts wrong PINs for every device).
 */
export function ResolvePanel({
  attendants,
  onAnswer,
  onCancel,
}: {
  attendants: readonly EmployeeDoc[];
  onAnswer(
    employeeId: string,
    pin: string,
    answer: Answer,
  ): Promise<{ ok: true } | { ok: false; failure: ResolveFailure }>;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const [who, setWho] = useState<EmployeeDoc>();
  const [answer, setAnswer] = useState<Answer>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ResolveFailure>();
  const submit = async (pin: string) => {
    if (!who || !answer) return;
    setBusy(true);
    setProblem(undefined);
    const r = await onAnswer(who.id, pin, answer);
    setBusy(false);
    if (r.ok) return;
    setProblem(r.failure);
  };
  // Worded at render, so the message follows a language switch.
  const problemText = (failure: ResolveFailure) =>
    failure.code === 'pin-wrong'
      ? t('kiosk.pinWrong', { count: failure.attemptsLeft ?? 0 })
      : t(`kiosk.resolveError.${failure.code}`, {
          defaultValue: t('kiosk.resolveFailed', { code: failure.code }),
        });
  return (
    <section className="resolve-panel" aria-label={t('kiosk.attendantAnswer')}>
      {!who ? (
        <>
          <h2>{t('kiosk.whoAreYou')}</h2>
          <div className="resolve-names">
            {attendants.map((e) => (
              <button key={e.id} type="button" className="kiosk-big" onClick={() => setWho(e)}>
                {e.name}
              </button>
            ))}
          </div>
        </>
      ) : !answer ? (
        <>
          <h2>{t('kiosk.decideAs', { name: who.name })}</h2>
          <div className="kiosk-choice">
            <button type="button" className="kiosk-primary" onClick={() => setAnswer('approve')}>
              {t('kiosk.approve')}
            </button>
            <button type="button" className="kiosk-danger" onClick={() => setAnswer('reject')}>
              {t('kiosk.reject')}
            </button>
          </div>
        </>
      ) : (
        <>
          <h2>
            {answer === 'approve'
              ? t('kiosk.pinToApprove', { name: who.name })
              : t('kiosk.pinToReject', { name: who.name })}
          </h2>
          <PinPad busy={busy} onEnter={(pin) => void submit(pin)} />
        </>
      )}
      {problem && (
        <p role="alert" className="error" data-testid="resolve-problem">
          {problemText(problem)}
        </p>
      )}
      <div className="resolve-actions">
        {(who || answer) && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              setProblem(undefined);
              if (answer) setAnswer(undefined);
              else setWho(undefined);
            }}
          >
            {t('kiosk.back')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
            {t('kiosk.close')}
          </button>
        )}
      </div>
    </section>
  );
}
