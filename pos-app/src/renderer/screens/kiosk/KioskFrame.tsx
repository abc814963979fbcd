import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANE_LANGUAGES } from '../../i18n/lane-i18n.js';

const NATIVE_NAMES: Record<(typeof LANE_LANGUAGES)[number], string> = { 'zh-CN': '中文', en: 'English' };

/** Every kiosk screen: one heading (one task), the language switch always in reach, large targets. */
export function KioskFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <span className="kiosk-brand">{t('kiosk.brand')}</span>
        <nav className="kiosk-languages" aria-label={t('kiosk.language')}>
          {LANE_LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={i18n.language === l}
              className={i18n.language === l ? 'chosen' : 'secondary'}
              onClick={() => void i18n.changeLanguage(l)}
            >
              {NATIVE_NAMES[l]}
            </button>
          ))}
        </nav>
      </header>
      <main className="kiosk-body">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
