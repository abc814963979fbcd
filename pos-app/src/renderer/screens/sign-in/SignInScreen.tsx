import { createIdGenerator, type EmployeeDoc, type ParsedBarcode } from '@storefloor/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { writeAudit } from '../../audit/audit-log.js';
import { employeeByBadge, laneEmployees } from '../../auth/employee-roles.js';
import { loadLockouts, saveLockouts } from '../../auth/lockout-store.js';
import {
  clearLockout,
  DEFAULT_PIN_LOCKOUT,
  type LockoutState,
  lockoutStatus,
  recordPinFailure,
} from '../../auth/pin-lockout.js';
import { verifyPin } from '../../auth/verify-pin.js';
import { PinPad } from '../approval/PinPad.js';
import { LockScreen } from './LockScreen.js';

type Notice = { key: 'wrong'; remaining: number } | { key: 'unknownBadge' };

/**
 * Sign-in: the cashier scans their badge, or picks their name and types their PIN (checked offline against the
 * replicated scrypt hash). Five wrong PINs in a row lock that employee at this lane (LockScreen); every
 * sign-in, failure, lock and unlock is an audit entry.
 */
export function SignInScreen({
  employees,
  onSignedIn,
}: {
  employees: readonly EmployeeDoc[];
  onSignedIn(e: EmployeeDoc): void;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const newId = useMemo(() => createIdGenerator(), []);
  const staff = useMemo(() => laneEmployees(employees, lane.identity.storeId), [employees, lane.identity]);
  const [who, setWho] = useState<EmployeeDoc>();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [lockouts, setLockouts] = useState<LockoutState>(() => loadLockouts());
  const [now, setNow] = useState(() => Date.now());
  const lockoutsRef = useRef(lockouts);
  lockoutsRef.current = lockouts;
  const whoRef = useRef(who);
  whoRef.current = who;

  // Every change starts from what is stored: the approval dialog keeps its own entry in the same record.
  const store = (next: LockoutState) => {
    lockoutsRef.current = next;
    setLockouts(next);
    saveLockouts(next);
  };
  const signedIn = async (e: EmployeeDoc, method: 'pin' | 'badge') => {
    store(clearLockout(loadLockouts(), e.id));
    await writeAudit(lane, newId(), { action: 'sign-in', employeeId: e.id, facts: { method } });
    onSignedIn(e);
  };
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;

  const submit = async () => {
    if (!who) return;
    const at = Date.now();
    setNow(at);
    if (lockoutStatus(lockoutsRef.current, who.id, at).locked) return;
    setBusy(true);
    const good = await verifyPin(pin, who.pinHash);
    setBusy(false);
    setPin('');
    if (good) return signedIn(who, 'pin');
    const out = recordPinFailure(loadLockouts(), who.id, at);
    store(out.state);
    await writeAudit(lane, newId(), {
      action: 'sign-in.failed',
      employeeId: who.id,
      facts: { failures: out.failures, method: 'pin' },
    });
    if (out.lockedUntil !== undefined) {
      await writeAudit(lane, newId(), {
        action: 'sign-in.locked',
        employeeId: who.id,
        facts: { failures: out.failures, lockedUntil: out.lockedUntil, lockMs: DEFAULT_PIN_LOCKOUT.lockMs },
      });
      setNotice(undefined);
    } else setNotice({ key: 'wrong', remaining: DEFAULT_PIN_LOCKOUT.maxFailures - out.failures });
  };

  // The lane scanner's scan on this screen is a badge.
  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (!barcode) return;
          // On the lock screen a badge is the supervisor's answer to the approval dialog, not a sign-in.
          const shown = whoRef.current;
          if (shown && lockoutStatus(lockoutsRef.current, shown.id, Date.now()).locked) return;
          const e = employeeByBadge(staff, barcode.data);
          if (!e) {
            setNotice({ key: 'unknownBadge' });
            void writeAudit(lane, newId(), {
              action: 'sign-in.unknown-badge',
              employeeId: '',
              facts: { code: barcode.data.slice(-4) },
            });
            return;
          }
          const at = Date.now();
          setNow(at);
          setWho(e);
          setNotice(undefined);
          if (!lockoutStatus(lockoutsRef.current, e.id, at).locked) void signedInRef.current(e, 'badge');
        },
      }),
    [lane, staff, newId],
  );

  const status = who ? lockoutStatus(lockouts, who.id, now) : undefined;
  // A lock that runs out re-opens the PIN pad by itself.
  useEffect(() => {
    if (!status?.locked) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, status.until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [status]);

  if (who && status?.locked)
    return (
      <LockScreen
        employee={who}
        until={status.until}
        newId={newId}
        onUnlocked={async (approverId) => {
          store(clearLockout(loadLockouts(), who.id));
          await writeAudit(lane, newId(), {
            action: 'sign-in.unlocked',
            employeeId: who.id,
            approvedBy: approverId,
            subject: { collection: 'employees', id: who.id },
          });
          setNow(Date.now());
        }}
        onBack={() => setWho(undefined)}
      />
    );

  return (
    <main className="panel sign-in">
      <h1>{t('signIn.title')}</h1>
      <p className="hint">{t('supervisor.signInHint')}</p>
      <fieldset className="employees">
        <legend className="visually-hidden">{t('supervisor.employees')}</legend>
        {staff.map((e) => (
          <button
            type="button"
            key={e.id}
            className={who?.id === e.id ? 'employee chosen' : 'employee secondary'}
            aria-pressed={who?.id === e.id}
            onClick={() => {
              setWho(e);
              setPin('');
              setNotice(undefined);
              setNow(Date.now());
            }}
          >
            {e.name}
            {lockoutStatus(lockouts, e.id, now).locked && (
              <span className="lock-mark">{t('supervisor.lockedMark')}</span>
            )}
          </button>
        ))}
      </fieldset>
      {who && (
        <PinPad
          value={pin}
          label={t('signIn.pin')}
          busy={busy}
          submitLabel={t('signIn.submit')}
          onChange={setPin}
          onSubmit={() => void submit()}
        />
      )}
      {notice && (
        <p role="alert" className="error">
          {notice.key === 'wrong'
            ? t('supervisor.wrongPin', { count: notice.remaining })
            : t('supervisor.unknownBadge')}
        </p>
      )}
    </main>
  );
}
