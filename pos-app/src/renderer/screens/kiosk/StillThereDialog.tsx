import { useTranslation } from 'react-i18next';

/** An idle kiosk with items asks before it gives up the sale. */
export function StillThereDialog({ onStay }: { onStay(): void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-label={t('kiosk.stillThere')} className="dialog kiosk-dialog">
        <h2>{t('kiosk.stillThere')}</h2>
        <p>{t('kiosk.stillThereHint')}</p>
        <button type="button" className="kiosk-primary" onClick={onStay}>
          {t('kiosk.continue')}
        </button>
      </div>
    </div>
  );
}
