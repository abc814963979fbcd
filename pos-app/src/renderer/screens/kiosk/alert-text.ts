import type { TFunction } from 'i18next';
import type { LaneFormat } from '../../format/lane-format.js';

/** What an alert is about, in words and weights, for the shopper's lock screen and the attendant's list. */
export function alertTitle(t: TFunction, kind: string): string {
  return t(`kiosk.alert.${kind}`, { defaultValue: kind });
}

export function alertWeights(
  t: TFunction,
  f: LaneFormat,
  facts: Record<string, string | number | boolean>,
): string | undefined {
  const delta = Number(facts.deltaGrams);
  if (!Number.isFinite(delta) || facts.deltaGrams === undefined) return undefined;
  const expected = Number(facts.expectedGrams ?? 0);
  const change = `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${f.weight(Math.abs(delta))}`;
  return expected > 0
    ? t('kiosk.weightsExpected', {
        change,
        expected: f.weight(expected),
        tolerance: f.weight(Number(facts.toleranceGrams ?? 0)),
      })
    : t('kiosk.weightsChange', { change });
}
