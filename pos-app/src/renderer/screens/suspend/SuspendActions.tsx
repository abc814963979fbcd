import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Suspend (Shift+F8), Resume (Shift+F9) and Return (Shift+F7) on the sale screen (the plain F-keys are the
 * supervisor's, SupervisorKeys). Suspend needs a basket; resume and return
 * start from an empty one (a cashier finishes or parks the current customer first).
 */
export function SuspendActions({
  hasLines,
  onSuspend,
  onResume,
  onReturn,
}: {
  hasLines: boolean;
  onSuspend(): void;
  onResume(): void;
  onReturn(): void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.shiftKey) return;
      const run = {
        F8: hasLines ? onSuspend : undefined,
        F9: hasLines ? undefined : onResume,
        F7: hasLines ? undefined : onReturn,
      }[e.key as 'F7' | 'F8' | 'F9'];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasLines, onSuspend, onResume, onReturn]);
  return (
    <div className="loyalty-actions">
      <button type="button" className="secondary" disabled={!hasLines} onClick={onSuspend}>
        {t('suspend.suspend')} (⇧F8)
      </button>
      <button type="button" className="secondary" disabled={hasLines} onClick={onResume}>
        {t('suspend.resume')} (⇧F9)
      </button>
      <button type="button" className="secondary" disabled={hasLines} onClick={onReturn}>
        {t('returns.open')} (⇧F7)
      </button>
    </div>
  );
}
