import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { useSubject } from '../../app/use-observable.js';
import { LANE_LANGUAGES } from '../../i18n/lane-i18n.js';

export type ManagerTab = 'dashboard' | 'stock' | 'devices' | 'day-end';
export const MANAGER_TABS: readonly ManagerTab[] = ['dashboard', 'stock', 'devices', 'day-end'];

/** The manager's header: link state, the screens, who is signed in, the language switch. */
export function ManagerBar({
  tab,
  onTab,
  managerName,
}: {
  tab?: ManagerTab;
  onTab?(tab: ManagerTab): void;
  managerName?: string;
}) {
  const { t, i18n } = useTranslation();
  const lane = useLane();
  const online = useSubject(lane.sync.online);
  return (
    <header className="status-bar">
      <span className={online ? 'pill online' : 'pill offline'} data-testid="link-status">
        {online ? t('status.online') : t('status.offline')}
      </span>
      {onTab && (
        <nav className="manager-tabs">
          {MANAGER_TABS.map((x) => (
            <button key={x} type="button" aria-pressed={x === tab} onClick={() => onTab(x)}>
              {t(`manager.tab.${x}`)}
            </button>
          ))}
        </nav>
      )}
      {managerName && <span className="cashier">{t('manager.signedIn', { name: managerName })}</span>}
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
