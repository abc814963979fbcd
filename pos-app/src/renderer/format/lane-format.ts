import { currencyOf, formatDecimalAmount } from '@storefloor/core';

/**
 * Money, weights and dates through Intl with the store's currency and locale. Amounts stay integer minor
 * units: core turns them into an exact decimal string and Intl formats that string (no float in between).
 */
export interface LaneFormat {
  money(minor: number): string;
  /** The amount without currency sign, for the receipt printer (its code page may lack the sign). */
  amount(minor: number): string;
  weight(grams: number): string;
  dateTime(epochMs: number): string;
}

/** Integer grams as an exact kilogram decimal string ("1.234"). */
export function gramsAsKilograms(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const g = Math.abs(grams);
  return `${sign}${Math.trunc(g / 1000)}.${String(g % 1000).padStart(3, '0')}`;
}

// ECMA-402 NumberFormat.format takes an exact decimal string as well as a number.
type DecimalFormat = { format(value: string): string };

export function laneFormat(locale: string, currency: string, timeZone: string): LaneFormat {
  const c = currencyOf(currency);
  const exponent = c.ok ? c.value.exponent : 2;
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }) as unknown as DecimalFormat;
  const weightFormat = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilogram',
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  }) as unknown as DecimalFormat;
  const amountFormat = new Intl.NumberFormat(locale, {
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
    useGrouping: false,
  }) as unknown as DecimalFormat;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone });
  return {
    money: (minor) => {
      const decimal = formatDecimalAmount(minor, currency);
      return moneyFormat.format(decimal.ok ? decimal.value : String(minor));
    },
    amount: (minor) => {
      const decimal = formatDecimalAmount(minor, currency);
      return amountFormat.format(decimal.ok ? decimal.value : String(minor));
    },
    weight: (grams) => weightFormat.format(gramsAsKilograms(grams)),
    dateTime: (ms) => dateFormat.format(new Date(ms)),
  };
}
