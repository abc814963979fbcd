import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const PIN_MAX = 12;

/**
 * Masked PIN entry for keyboard and touch: a password field (typed digits show as dots) above a keypad of
 * large buttons. The parent holds the value; Enter or OK submits.
 */
export function PinPad({
  value,
  label,
  busy,
  submitLabel,
  autoFocus = true,
  onChange,
  onSubmit,
}: {
  value: string;
  label: string;
  busy?: boolean;
  /** The submit button's text; OK by default. */
  submitLabel?: string;
  /** Put the cursor in the PIN field on open (off when a field above it comes first). */
  autoFocus?: boolean;
  onChange(pin: string): void;
  onSubmit(): void;
}) {
  const { t } = useTranslation();
  const press = (digit: string) => {
    if (value.length < PIN_MAX) onChange(value + digit);
  };
  return (
    <form
      className="pin-pad"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && value.length >= 4) onSubmit();
      }}
    >
      <label>
        {label}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PIN_MAX}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
          // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
          autoFocus={autoFocus}
          aria-label={label}
        />
      </label>
      <div className="keypad">
        {KEYS.map((k) => (
          <button type="button" key={k} className="secondary" onClick={() => press(k)} aria-label={k}>
            {k}
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => onChange('')}>
          {t('supervisor.pinClear')}
        </button>
        <button type="button" className="secondary" onClick={() => press('0')} aria-label="0">
          {'0'}
        </button>
        <button type="button" className="secondary" onClick={() => onChange(value.slice(0, -1))}>
          {t('supervisor.pinBack')}
        </button>
      </div>
      <button type="submit" disabled={busy || value.length < 4}>
        {busy ? t('signIn.checking') : (submitLabel ?? t('supervisor.pinOk'))}
      </button>
    </form>
  );
}
