import type { EmployeeDoc } from '@storefloor/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyPin } from '../../auth/verify-pin.js';

/** Sign-in with a PIN, checked against the replicated employees' scrypt hashes (no server round trip). */
export function SignInScreen({
  employees,
  onSignedIn,
}: {
  employees: readonly EmployeeDoc[];
  onSignedIn(e: EmployeeDoc): void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [state, setState] = useState<'idle' | 'checking' | 'wrong'>('idle');
  const submit = async () => {
    setState('checking');
    for (const e of employees) {
      if (await verifyPin(pin, e.pinHash)) {
        onSignedIn(e);
        return;
      }
    }
    setPin('');
    setState('wrong');
  };
  return (
    <main className="panel narrow">
      <h1>{t('signIn.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('signIn.pin')}
          <input
            type="password"
            inputMode="numeric"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
            autoFocus
            aria-label={t('signIn.pin')}
          />
        </label>
        <button type="submit" disabled={state === 'checking' || pin.length < 4}>
          {state === 'checking' ? t('signIn.checking') : t('signIn.submit')}
        </button>
      </form>
      {state === 'wrong' && (
        <p role="alert" className="error">
          {t('signIn.wrong')}
        </p>
      )}
    </main>
  );
}
