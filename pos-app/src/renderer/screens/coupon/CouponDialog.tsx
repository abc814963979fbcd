import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Key (or scan into the field) a coupon code. The caller applies it through core's `applyCoupon` and
 * answers with the refusal reason, shown here ('coupon-used', 'unknown-coupon', …), or closes the dialog.
 */
export function CouponDialog({
  onApply,
  onClose,
}: {
  onApply(code: string): Promise<string | undefined>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-label={t('coupon.title')} className="dialog">
        <h2>{t('coupon.title')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (code.trim() === '' || busy) return;
            setBusy(true);
            void onApply(code.trim()).then((reason) => {
              setBusy(false);
              setProblem(reason);
            });
          }}
        >
          <label>
            {t('coupon.input')}
            <input
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setProblem(undefined);
              }}
              // biome-ignore lint/a11y/noAutofocus: a keyboard-first lane puts the cursor where the cashier types next
              autoFocus
            />
          </label>
          {problem && (
            <p role="alert" className="error" data-testid="coupon-error">
              {t(`loyaltyErrors.${problem}`, { defaultValue: problem })}
            </p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('member.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {t('coupon.apply')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
