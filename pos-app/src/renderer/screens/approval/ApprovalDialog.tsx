import type { EmployeeDoc, ParsedBarcode } from '@storefloor/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { writeAudit } from '../../audit/audit-log.js';
import { type ApprovalAction, laneEmployees, roleFor } from '../../auth/employee-roles.js';
import { type ApproverCredential, identifyApprover } from '../../auth/identify-approver.js';
import { loadLockouts, saveLockouts } from '../../auth/lockout-store.js';
import { clearLockout, lockoutStatus, recordPinFailure } from '../../auth/pin-lockout.js';
import { verifyPin } from '../../auth/verify-pin.js';
import { claimScans } from '../../devices/scan-claims.js';
import { PinPad } from './PinPad.js';

/** The lane's lock-out entry for wrong PINs typed into approvals (no one employee is guessed at). */
const APPROVAL_PIN_KEY = '*approval';

/** What the dialog hands back once someone with the role approved. */
export interface Approval {
  readonly action: ApprovalAction;
  readonly approver: EmployeeDoc;
  readonly method: ApproverCredential['kind'];
  /** The reason typed, when the dialog asked for one ('' otherwise). */
  readonly reason: string;
}

/**
 * The one supervisor/manager approval of the lane: the approver types their PIN (keyboard or keypad) or scans
 * their badge; the role the action needs comes from `APPROVAL_ROLES`. A refusal is audited
 * (`approval.refused`) and the dialog stays open; only `onApproved` or `onCancel` closes it.
 */
export function ApprovalDialog({
  action,
  title,
  requesterId,
  askReason,
  newId,
  onApproved,
  onCancel,
}: {
  action: ApprovalAction;
  /** What is being approved, as the approver should read it (e.g. "Void sale 10:42, €12.30"). */
  title: string;
  /** The cashier asking; a supervisor may not approve their own request. */
  requesterId: string;
  /** Ask for a reason before the PIN. */
  askReason?: boolean;
  newId(): string;
  onApproved(approval: Approval): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const employees = useMemo(
    () => laneEmployees(catalog.employees, lane.identity.storeId),
    [catalog.employees, lane.identity.storeId],
  );
  const role = roleFor(action);
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ reason: string; name?: string }>();
  const reasonRef = useRef(reason);
  reasonRef.current = reason;

  const attempt = async (credential: ApproverCredential) => {
    if (askReason && reasonRef.current.trim() === '') return setRefusal({ reason: 'reason-required' });
    // Guessing supervisor PINs here is stopped as at sign-in: five wrong ones lock PIN approval at this lane
    // (a badge still works).
    const at = Date.now();
    const guard = lockoutStatus(loadLockouts(), APPROVAL_PIN_KEY, at);
    if (credential.kind === 'pin' && guard.locked) return setRefusal({ reason: 'pin-locked' });
    setBusy(true);
    const verdict = await identifyApprover(employees, credential, role, verifyPin, requesterId);
    setBusy(false);
    setPin('');
    if (credential.kind === 'pin') {
      const stored = loadLockouts();
      if (verdict.ok) saveLockouts(clearLockout(stored, APPROVAL_PIN_KEY));
      else if (verdict.reason === 'wrong-pin') {
        const out = recordPinFailure(stored, APPROVAL_PIN_KEY, at);
        saveLockouts(out.state);
        if (out.lockedUntil !== undefined)
          await writeAudit(lane, newId(), {
            action: 'approval.locked',
            employeeId: requesterId,
            facts: { for: action, failures: out.failures, lockedUntil: out.lockedUntil },
          });
      }
    }
    if (verdict.ok) {
      onApproved({
        action,
        approver: verdict.approver,
        method: verdict.method,
        reason: reasonRef.current.trim(),
      });
      return;
    }
    setRefusal({ reason: verdict.reason, ...(verdict.employee ? { name: verdict.employee.name } : {}) });
    await writeAudit(lane, newId(), {
      action: 'approval.refused',
      employeeId: requesterId,
      facts: {
        for: action,
        refusal: verdict.reason,
        method: credential.kind,
        ...(verdict.employee ? { approverTried: verdict.employee.id } : {}),
      },
    });
  };
  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;

  // A badge scanned while the dialog is open is the approver's (and no one else's).
  useEffect(() => claimScans(), []);
  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (barcode) void attemptRef.current({ kind: 'badge', code: barcode.data });
        },
      }),
    [lane],
  );

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog approval"
        role="dialog"
        aria-modal="true"
        aria-label={t('supervisor.approvalTitle')}
      >
        <h2>{t('supervisor.approvalTitle')}</h2>
        <p className="approval-subject" data-testid="approval-subject">
          {title}
        </p>
        <p className="hint">{t('supervisor.approvalHint', { role: t(`supervisor.role.${role}`) })}</p>
        {askReason && (
          <label>
            {t('supervisor.reason')}
            <input
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('supervisor.reason')}
              // biome-ignore lint/a11y/noAutofocus: the reason comes first, then the approver's PIN
              autoFocus
            />
          </label>
        )}
        <PinPad
          value={pin}
          label={t('supervisor.approverPin')}
          busy={busy}
          autoFocus={!askReason}
          onChange={setPin}
          onSubmit={() => void attempt({ kind: 'pin', pin })}
        />
        {refusal && (
          <p role="alert" className="error">
            {t(`supervisor.refused.${refusal.reason}`, {
              name: refusal.name ?? '',
              role: t(`supervisor.role.${role}`),
            })}
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('supervisor.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
