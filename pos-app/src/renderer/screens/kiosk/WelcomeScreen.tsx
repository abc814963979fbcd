import { useTranslation } from 'react-i18next';
import { KioskFrame } from './KioskFrame.js';

/** The welcome screen: touch start or scan the first item; asks to clear a bagging area left full. */
export function WelcomeScreen({ onStart, areaClear }: { onStart(): void; areaClear: boolean }) {
  const { t } = useTranslation();
  return (
    <KioskFrame title={t('kiosk.welcome')}>
      <p className="kiosk-lead">{t('kiosk.welcomeHint')}</p>
      <button type="button" className="kiosk-primary" onClick={onStart}>
        {t('kiosk.start')}
      </button>
      {!areaClear && (
        <p className="kiosk-prompt kiosk-prompt-notice" role="status" data-testid="clear-area">
          {t('kiosk.clearArea')}
        </p>
      )}
      <p className="kiosk-note">{t('kiosk.cardOnly')}</p>
    </KioskFrame>
  );
}
