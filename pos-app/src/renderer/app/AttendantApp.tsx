import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertList } from '../screens/attendant/AlertList.js';
import { alertTitle, alertWeights } from '../screens/kiosk/alert-text.js';
import { KioskFrame } from '../screens/kiosk/KioskFrame.js';
import { attendantsOf, ResolvePanel } from '../screens/kiosk/ResolvePanel.js';
import { type KioskAlert, SelfCheckoutAlerts } from '../self-checkout/alerts-client.js';
import '../screens/kiosk/kiosk.css';
import { useLane } from './lane-services.js';
import { useLaneFormat } from './use-format.js';
import { useSubject } from './use-observable.js';

/**
 * The attendant's screen: every kiosk's open alerts, live from the edge agent; one is answered with the
 * attendant's PIN, and the kiosk unlocks at once.
 */
export function AttendantApp() {
  const { t } = useTranslation();
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const client = useMemo(() => new SelfCheckoutAlerts('/hq', lane.identity.token), [lane]);
  const open = useSubject(client.open);
  const connected = useSubject(client.connected);
  const [chosen, setChosen] = useState<string>();
  const [recent, setRecent] = useState<readonly KioskAlert[]>([]);
  useEffect(() => {
    client.start();
    const sub = client.changed.subscribe((a) => {
      if (a.status !== 'open') setRecent((r) => [a, ...r.filter((x) => x.id !== a.id)].slice(0, 5));
    });
    return () => {
      sub.unsubscribe();
      client.stop();
    };
  }, [client]);
  const alert = open.find((a) => a.id === chosen);
  const attendants = attendantsOf(catalog.employees);
  const nameOf = (id: string) => catalog.employees.find((e) => e.id === id)?.name ?? id;
  return (
    <KioskFrame title={t('attendant.title')}>
      <p className={connected ? 'pill online' : 'pill offline'} role="status">
        {connected ? t('attendant.live') : t('attendant.offline')}
      </p>
      {alert ? (
        <section className="attendant-resolve" aria-label={alertTitle(t, alert.kind)}>
          <h2>
            {t('kiosk.kioskLabel', { id: alert.kioskLabel })}
            {' · '}
            {alertTitle(t, alert.kind)}
          </h2>
          {alert.productName && <p className="kiosk-lead">{alert.productName}</p>}
          {alertWeights(t, f, alert.facts) && (
            <p className="kiosk-weights">{alertWeights(t, f, alert.facts)}</p>
          )}
          <ResolvePanel
            key={alert.id}
            attendants={attendants}
            onCancel={() => setChosen(undefined)}
            onAnswer={async (employeeId, pin, decision) => {
              const r = await client.resolve(alert.id, { employeeId, pin, decision });
              if (r.ok) {
                setChosen(undefined);
                return { ok: true };
              }
              return { ok: false, failure: r.failure ?? { code: r.reason } };
            }}
          />
        </section>
      ) : (
        <AlertList alerts={open} f={f} onChoose={setChosen} />
      )}
      {recent.length > 0 && (
        <section className="attendant-recent" aria-label={t('attendant.recent')}>
          <h2>{t('attendant.recent')}</h2>
          <ul>
            {recent.map((a) => (
              <li key={a.id} data-testid="attendant-recent">
                {t(`attendant.status.${a.status}`, {
                  kiosk: t('kiosk.kioskLabel', { id: a.kioskLabel }),
                  what: alertTitle(t, a.kind),
                  name: nameOf(a.resolvedBy),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </KioskFrame>
  );
}
