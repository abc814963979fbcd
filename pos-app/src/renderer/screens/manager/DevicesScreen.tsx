import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import type { LaneFormat } from '../../format/lane-format.js';
import {
  deviceState,
  fetchShelfLabels,
  fetchStoreDevices,
  LABEL_BATTERY_LOW_MV,
  type ShelfLabelView,
  type StoreDevicesView,
} from './store-devices.js';

/** How often the Devices screen asks the agent again. */
const DEVICES_POLL_MS = 2000;
const LANE_ROLES = ['scanner', 'scale', 'printer', 'terminal'] as const;

/** Every lane's devices as the lanes last reported them to the agent, the store's device host and shelf labels. */
export function DevicesScreen({ upstreamUrl, f }: { upstreamUrl: string; f: LaneFormat }) {
  const { t } = useTranslation();
  const lane = useLane();
  const [devices, setDevices] = useState<StoreDevicesView>();
  const [labels, setLabels] = useState<readonly ShelfLabelView[]>([]);
  const [problem, setProblem] = useState<string>();
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const [answer, shelf] = await Promise.all([
        fetchStoreDevices(upstreamUrl, lane.identity.token),
        fetchShelfLabels(upstreamUrl, lane.identity.token),
      ]);
      if (stopped) return;
      setNow(Date.now());
      if (answer.ok) setDevices(answer.value);
      setProblem(answer.ok ? (shelf.ok ? undefined : shelf.reason) : answer.reason);
      if (shelf.ok) setLabels(shelf.value);
      timer = setTimeout(() => void poll(), DEVICES_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [upstreamUrl, lane.identity.token]);

  const stateText = (d: { health: string; reason?: string }) => {
    const s = deviceState(d);
    return { text: t(`managerDevices.${s.key}`, { defaultValue: d.reason ?? d.health }), problem: s.problem };
  };

  return (
    <main className="panel manager" data-testid="devices">
      <h1>{t('managerDevices.title')}</h1>
      {problem && (
        <p role="alert" className="error">
          {t('managerDevices.problem', { reason: problem })}
        </p>
      )}
      <h2>{t('managerDevices.lanesTitle')}</h2>
      <table className="manager-table">
        <thead>
          <tr>
            <th>{t('managerDevices.lane')}</th>
            <th>{t('managerDevices.heard')}</th>
            {LANE_ROLES.map((r) => (
              <th key={r}>{t(`managerDevices.role.${r}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(devices?.lanes ?? []).map((l) => {
            const name = l.label ?? l.deviceId;
            return (
              <tr key={l.deviceId} data-testid="lane-devices" data-lane={name} data-online={l.online}>
                <td>
                  {name}{' '}
                  <span className={l.online ? 'pill online' : 'pill offline'} data-testid="lane-online">
                    {l.online ? t('managerDevices.laneOnline') : t('managerDevices.laneOffline')}
                  </span>
                </td>
                <td data-testid="lane-heard">
                  {l.receivedAt === undefined
                    ? t('managerDevices.never')
                    : `${f.dateTime(l.receivedAt)} (${t('managerDevices.secondsAgo', {
                        count: Math.max(0, Math.round((now - l.receivedAt) / 1000)),
                      })})`}
                </td>
                {LANE_ROLES.map((role) => {
                  const d = l.devices?.find((x) => x.role === role);
                  if (!d) return <td key={role}>—</td>;
                  const s = stateText(d);
                  return (
                    <td key={role} data-testid={`device-${role}`} className={s.problem ? 'error' : undefined}>
                      {s.text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('managerDevices.storeTitle')}</h2>
      <h3>{t('managerDevices.storeHost')}</h3>
      {devices && !devices.store.configured ? (
        <p data-testid="no-store-host">{t('managerDevices.noStoreHost')}</p>
      ) : (
        <table className="manager-table" data-testid="store-devices">
          <thead>
            <tr>
              <th>{t('managerDevices.device')}</th>
              <th>{t('managerDevices.state')}</th>
              <th>{t('managerDevices.where')}</th>
            </tr>
          </thead>
          <tbody>
            {(devices?.store.devices ?? []).map((d) => {
              const s = stateText(d.status);
              return (
                <tr key={d.id}>
                  <td>
                    {d.id} ({t(`managerDevices.role.${d.kind}`, { defaultValue: d.kind })})
                  </td>
                  <td className={s.problem ? 'error' : undefined}>{s.text}</td>
                  <td>{d.location}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t('managerDevices.labelsTitle')}</h3>
      {labels.length === 0 ? (
        <p data-testid="no-labels">{t('managerDevices.noLabels')}</p>
      ) : (
        <table className="manager-table" data-testid="shelf-labels">
          <thead>
            <tr>
              <th>{t('managerDevices.label')}</th>
              <th>{t('managerDevices.product')}</th>
              <th>{t('managerDevices.battery')}</th>
              <th>{t('managerDevices.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label) => {
              const volts = label.batteryMv === undefined ? undefined : (label.batteryMv / 1000).toFixed(2);
              const low = label.batteryMv !== undefined && label.batteryMv < LABEL_BATTERY_LOW_MV;
              return (
                <tr key={label.labelMac}>
                  <td>{label.labelMac}</td>
                  <td>{label.productId}</td>
                  <td className={low ? 'error' : undefined}>
                    {volts === undefined
                      ? t('managerDevices.unknownBattery')
                      : t(low ? 'managerDevices.batteryLow' : 'managerDevices.batteryOk', { volts })}
                  </td>
                  <td>{label.lastSeen ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="hint">
        {t('managerDevices.offlineRule', {
          seconds: Math.round((devices?.offlineAfterMs ?? 90_000) / 1000),
          volts: (LABEL_BATTERY_LOW_MV / 1000).toFixed(1),
        })}
      </p>
    </main>
  );
}
