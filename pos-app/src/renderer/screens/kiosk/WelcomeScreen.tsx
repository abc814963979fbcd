import { useTranslation } from 'react-i18next';
import { KioskFrame } from './KioskFrame.js';

/** The welcome screen: touch start or scan the first item. */
export function WelcomeScreen({ onStart }: { onStart(): void }) {
  const { t } = useTranslation();
  return (
    <KioskFrame title={t('kiosk.welcome')}>
      <p className="kiosk-lead">{t('kiosk.welcomeHint')}</p>
      <button type="button" className="kiosk-primary" onClick={onStart}>
        {t('kiosk.start')}
      </button>
      <p className="kiosk-note">{t('kiosk.cardOnly')}</p>
    </KioskFrame>
  );
}
