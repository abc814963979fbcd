import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** A touch PIN pad: digits shown as dots, never echoed. */
export function PinPad({ busy, onEnter }: { busy: boolean; onEnter(pin: string): void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const press = (d: string) => setPin((p) => (p.length < 8 ? p + d : p));
  return (
    <div className="pin-pad">
      <output className="pin-dots" aria-label={t('kiosk.pinEntered', { count: pin.length })}>
        {'●'.repeat(pin.length) || ' '}
      </output>
      <div className="pin-keys">
        {KEYS.map((d) => (
          <button key={d} type="button" disabled={busy} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="secondary" disabled={busy} onClick={() => setPin('')}>
          {t('kiosk.clear')}
        </button>
        <button type="button" disabled={busy} onClick={() => press('0')}>
          {'0'}
        </button>
        <button
          type="button"
          className="ok"
          disabled={busy || pin.length === 0}
          onClick={() => {
            onEnter(pin);
            setPin('');
          }}
        >
          {t('kiosk.pinOk')}
        </button>
      </div>
    </div>
  );
}
