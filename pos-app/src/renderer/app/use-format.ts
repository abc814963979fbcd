import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogSnapshot } from '../data/live-catalog.js';
import { type LaneFormat, laneFormat } from '../format/lane-format.js';
import { intlLocale } from '../i18n/lane-i18n.js';

/** Intl formatting in the lane's language with the store's currency, region and time zone. */
export function useLaneFormat(catalog: CatalogSnapshot): LaneFormat {
  const { i18n } = useTranslation();
  const store = catalog.store;
  return useMemo(
    () =>
      laneFormat(
        intlLocale(i18n.language, store?.languages[0]),
        store?.currency ?? 'EUR',
        store?.timeZone ?? 'UTC',
      ),
    [i18n.language, store?.languages[0], store?.currency, store?.timeZone],
  );
}
