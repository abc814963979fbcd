import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../app/lane-services.js';
import { useSubject } from '../app/use-observable.js';
import type { LaneDeviceRole } from '../devices/lane-devices.js';
import { LANE_LANGUAGES } from '../i18n/lane-i18n.js';

const ROLES: readonly LaneDeviceRole[] = ['scanner', 'scale', 'printer', 'terminal'];

/**
 * Always on screen: online or offline, sales waiting to sync, sales the upstream refused for good (kept on the
 * lane, apart from those waiting), the cashier, the language switch.
 */
export function StatusBar({ cashierName }: { cashierName?: string }) {
  const { t, i18n } = useTranslation();
  const lane = useLane();
  const online = useSubject(lane.sync.online);
  const pending = useSubject(lane.sync.pending.count);
  const pendingSales = useSubject(lane.sync.pending.sales);
  const refused = useSubject(lane.sync.refused);
  const upstream = useSubject(lane.sync.upstream);
  const [hostUp, setHostUp] = useState(true);
  const ready = useSubject(lane.devices.ready);
  useEffect(() => lane.devices.bridgeConnection(setHostUp), [lane.devices]);
  return (
    <header className="status-bar">
      <span className={online ? 'pill online' : 'pill offline'} data-testid="link-status">
        {online ? t('status.online') : t('status.offline')}
      </span>
      {(pending > 0 || refused.total === 0) && (
        <span className="pill" data-testid="pending-sync">
          {pending === 0
            ? t('status.allSynced')
            : pendingSales > 0
              ? t('status.pending', { count: pendingSales })
              : t('supervisor.pendingRecords', { count: pending })}
        </span>
      )}
      {refused.total > 0 && (
        <span className="pill offline" data-testid="refused-sync" title={t('status.refusedHint')}>
          {refused.sales > 0
            ? t(upstream === 'hq' ? 'status.refusedByHq' : 'status.refusedByStore', { count: refused.sales })
            : t(upstream === 'hq' ? 'status.refusedRecordsByHq' : 'status.refusedRecordsByStore', {
                count: refused.total,
              })}
        </span>
      )}
      {!hostUp && <span className="pill offline">{t('status.devicesDown')}</span>}
      {hostUp &&
        ROLES.filter((r) => !ready.has(r)).map((r) => (
          <span key={r} className="pill offline" data-testid="device-not-ready">
            {t('status.deviceNotReady', { device: t(`device.${r}`) })}
          </span>
        ))}
      {cashierName && <span className="cashier">{t('status.cashier', { name: cashierName })}</span>}
      <span className="spacer" />
      <label className="language">
        {t('status.language')}{' '}
        <select
          value={i18n.language}
          onChange={(e) => void i18n.changeLanguage(e.target.value)}
          aria-label={t('status.language')}
        >
          {LANE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'zh-CN' ? '简体中文' : 'English'}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
