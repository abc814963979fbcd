import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANE_LANGUAGES = ['zh-CN', 'en'] as const;
export type LaneLanguage = (typeof LANE_LANGUAGES)[number];

const KEY = 'storefloor.language';

/** i18next with the lane's two languages; the cashier's choice is remembered on the lane. */
export async function createLaneI18n(initial?: string): Promise<i18n> {
  const saved = globalThis.localStorage?.getItem(KEY) ?? undefined;
  const lng =
    [initial, saved].find((l): l is LaneLanguage => LANE_LANGUAGES.includes(l as LaneLanguage)) ?? 'zh-CN';
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  instance.on('languageChanged', (l) => globalThis.localStorage?.setItem(KEY, l));
  return instance;
}

/** The Intl locale for money, weights and dates: the lane's language in the store's region. */
export function intlLocale(language: string, storeLocale: string | undefined): string {
  const region = storeLocale?.split('-')[1];
  const lang = language.split('-')[0];
  if (lang === 'zh') return 'zh-CN';
  return region ? `${lang}-${region}` : language;
}
