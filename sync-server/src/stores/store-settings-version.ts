import { randomBytes } from 'node:crypto';
import { cashStepFor, type StoreDoc, uuidv7, validateDocument } from '@storefloor/core';

/** A back office sets every field of a store's settings but these, which the server sets. */
const SERVER_FIELDS = new Set(['id', 'storeId', 'createdAt']);

export type StoreSettingsVersion =
  | { readonly ok: true; readonly version: StoreDoc }
  | { readonly ok: false; readonly code: 'invalid-request' | 'invalid-document'; readonly detail: string };

/** A fresh version id: a UUIDv7 of the HQ write time (see core's StoreDoc for the id scheme). */
export function newSettingsVersionId(now: number): string {
  return uuidv7(now, (length) => randomBytes(length));
}

/**
 * The next version of a store's settings: `base` (the version in force at the new `validFrom`, or none for a
 * store's first version) with `changes` laid over it. What the base cannot give comes from defaults a store
 * may rely on (tax per line, the currency's cash step, the calendar day, no receipt texts, active), and the
 * result is checked with core's schema validation only, so the route holds no second copy of the rules.
 */
export function nextSettingsVersion(input: {
  readonly storeId: string;
  readonly storeName: string;
  readonly base: StoreDoc | undefined;
  readonly changes: Readonly<Record<string, unknown>>;
  readonly now: number;
}): StoreSettingsVersion {
  const { storeId, base, changes, now } = input;
  for (const field of Object.keys(changes)) {
    if (SERVER_FIELDS.has(field)) {
      return { ok: false, code: 'invalid-request', detail: `${field} is set by the server` };
    }
    // RxDB's bookkeeping (`_deleted`, `_rev`, …) rides on the replication wire only, never in settings.
    if (field.startsWith('_'))
      return { ok: false, code: 'invalid-request', detail: `unknown field ${field}` };
  }
  const { id: _id, createdAt: _createdAt, validTo: _validTo, ...kept } = base ?? ({} as Partial<StoreDoc>);
  const currency = typeof changes.currency === 'string' ? changes.currency : kept.currency;
  const currencyStep = typeof currency === 'string' ? cashStepFor(currency) : undefined;
  const defaults: Record<string, unknown> = {
    name: input.storeName,
    taxRounding: 'line',
    businessDayStartHour: 0,
    receiptHeader: '',
    receiptFooter: '',
    address: '',
    active: true,
    ...(currencyStep?.ok ? { cashRoundingStep: currencyStep.value } : {}),
  };
  // A new currency brings its own cash step unless the change names one.
  const carried: Record<string, unknown> = { ...kept };
  if (changes.currency !== undefined && changes.currency !== kept.currency && currencyStep?.ok) {
    carried.cashRoundingStep = currencyStep.value;
  }
  const doc: Record<string, unknown> = {
    ...defaults,
    ...carried,
    validFrom: now,
    ...changes,
    id: newSettingsVersionId(now),
    storeId,
    createdAt: now,
  };
  const valid = validateDocument('stores', doc);
  if (!valid.ok) return { ok: false, code: 'invalid-document', detail: valid.detail ?? valid.reason };
  return { ok: true, version: valid.value };
}
