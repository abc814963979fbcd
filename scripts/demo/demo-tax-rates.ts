import type { TaxRateDoc } from '@storefloor/core';

/** 2019-04-01 00:00 Asia/Shanghai: China's VAT cut (16 % → 13 %, 10 % → 9 %), Announcement No. 39 [2019]. */
export const VAT_2019_CUT = Date.UTC(2019, 2, 31, 16);
/** 2018-05-01 00:00 Asia/Shanghai: the 17 % → 16 %, 11 % → 10 % step (Caishui [2018] No. 32). */
const VAT_2018_CUT = Date.UTC(2018, 3, 30, 16);

/**
 * China's VAT classes as effective-dated versions: chain-wide general (13 %), reduced (9 %), exempt fresh
 * vegetables (0 %) and catering (6 %, ready-to-eat deli made in store), with the 2018 rates ended by the
 * 2019 cut; and one per-store version: the demo store's own deli catering rate, which beats the chain-wide one.
 */
export function demoTaxRates(storeId: string, now: number): TaxRateDoc[] {
  const rate = (
    id: string,
    store: string,
    taxClass: string,
    rateBps: number,
    label: string,
    validFrom: number,
    validTo?: number,
  ): TaxRateDoc => ({
    id,
    storeId: store,
    taxClass,
    rateBps,
    label,
    validFrom,
    ...(validTo === undefined ? {} : { validTo }),
    createdAt: now,
  });
  return [
    rate('vat-standard-2018', '*', 'standard', 1600, '增值税 16% VAT', VAT_2018_CUT, VAT_2019_CUT),
    rate('vat-reduced-2018', '*', 'reduced', 1000, '增值税 10% VAT', VAT_2018_CUT, VAT_2019_CUT),
    rate('vat-standard-2019', '*', 'standard', 1300, '增值税 13% VAT', VAT_2019_CUT),
    rate('vat-reduced-2019', '*', 'reduced', 900, '增值税 9% VAT', VAT_2019_CUT),
    rate('vat-exempt', '*', 'exempt', 0, '免税 VAT exempt', VAT_2018_CUT),
    rate('vat-catering', '*', 'catering', 600, '餐饮服务 6% VAT', VAT_2018_CUT),
    rate(
      `vat-catering-${storeId}`,
      storeId,
      'catering',
      600,
      '店内现制 6% VAT (in-store deli)',
      VAT_2019_CUT,
    ),
  ];
}
