import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneFormat } from '../../format/lane-format.js';
import type { KioskAlert } from '../../self-checkout/alerts-client.js';
import { alertTitle, alertWeights } from '../kiosk/alert-text.js';

/** Every kiosk's open alerts, oldest first, with how long each kiosk has been waiting. */
export function AlertList({
  alerts,
  f,
  onChoose,
}: {
  alerts: readonly KioskAlert[];
  f: LaneFormat;
  onChoose(id: string): void;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (alerts.length === 0) return <p className="kiosk-empty">{t('attendant.none')}</p>;
  return (
    <ul className="attendant-alerts" aria-label={t('attendant.open')}>
      {alerts.map((a) => (
        <li key={a.id}>
          <button
            type="button"
            className="attendant-alert"
            data-testid="attendant-alert"
            data-kind={a.kind}
            onClick={() => onChoose(a.id)}
          >
            <span className="attendant-kiosk">{t('kiosk.kioskLabel', { id: a.kioskLabel })}</span>
            <span className="attendant-kind">{alertTitle(t, a.kind)}</span>
            {a.productName && <span className="attendant-product">{a.productName}</span>}
            {alertWeights(t, f, a.facts) && (
              <span className="attendant-weights">{alertWeights(t, f, a.facts)}</span>
            )}
            <span className="attendant-age">
              {t('attendant.waiting', { seconds: Math.max(0, Math.round((now - a.raisedAt) / 1000)) })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
