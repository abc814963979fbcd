import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskFrame } from './KioskFrame.js';

/** Thanks, then back to the welcome screen on its own. */
export function ThanksScreen({ onDone, afterMs = 6000 }: { onDone(): void; afterMs?: number }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDone, afterMs);
    return () => clearTimeout(timer);
  }, [onDone, afterMs]);
  return (
    <KioskFrame title={t('kiosk.thanks')}>
      <p className="kiosk-lead">{t('kiosk.takeBags')}</p>
      <button type="button" className="kiosk-big" onClick={onDone}>
        {t('kiosk.finish')}
      </button>
    </KioskFrame>
  );
}
