import { hasValidGs1CheckDigit } from '../barcode/check-digit.js';
import { isUuidv7 } from '../ids/uuidv7.js';
import { CHAIN_WIDE } from './conventions.js';

/** A broken rule: the field it concerns (dotted path) and why. */
export type InvariantViolation = { readonly path: string; readonly detail: string };

/**
 * Numbers under these names are money (integer minor units), weights (integer grams), quantities or points:
 * they must be safe integers wherever they appear, whatever a schema says (ARCHITECTURE.md §3).
 */
const INTEGER_FIELD =
  /(?:^|[a-z])(?:amount|total|price|tax|minor|grams|quantity|points|cents|bps|gross|discount|due|paid|change|float|rounding)$/i;

function findNonIntegerAmount(value: unknown, path: string, key: string): InvariantViolation | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { path, detail: 'must be a finite number' };
    if (INTEGER_FIELD.test(key) && !Number.isSafeInteger(value)) {
      return { path, detail: `must be a safe integer (minor units, grams or a count), got ${value}` };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonIntegerAmount(value[i], `${path}[${i}]`, key);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = findNonIntegerAmount(v, path === '' ? k : `${path}.${k}`, k);
      if (found) return found;
    }
  }
  return undefined;
}

type Doc = Record<string, unknown>;
type CollectionRule = (doc: Doc) => InvariantViolation | undefined;

/** Whether the runtime's IANA time-zone database knows `timeZone` (Intl throws RangeError otherwise). */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether `tag` is a well-formed BCP 47 language tag (Intl.getCanonicalLocales throws RangeError otherwise). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** GTIN-8, -12, -13 or -14 with its GS1 mod-10 check digit (GS1 General Specifications §7.9.1). */
function checkGtins(doc: Doc): InvariantViolation | undefined {
  const gtins = Array.isArray(doc.gtins) ? (doc.gtins as readonly string[]) : [];
  for (let i = 0; i < gtins.length; i++) {
    const gtin = gtins[i]!;
    if (![8, 12, 13, 14].includes(gtin.length)) {
      return {
        path: `gtins[${i}]`,
        detail: `${gtin} is not a GTIN-8, -12, -13 or -14 (${gtin.length} digits)`,
      };
    }
    if (!hasValidGs1CheckDigit(gtin)) {
      return { path: `gtins[${i}]`, detail: `${gtin} has a wrong GS1 check digit` };
    }
  }
  return undefined;
}

/** Effective-dated master data (prices, promotions, tax rates, store settings): a validity is never empty. */
function checkValidity(doc: Doc): InvariantViolation | undefined {
  if (typeof doc.validTo === 'number' && typeof doc.validFrom === 'number' && doc.validTo <= doc.validFrom) {
    return { path: 'validTo', detail: 'empty-validity: validTo must be after validFrom' };
  }
  return undefined;
}

function checkStoreSettings(doc: Doc): InvariantViolation | undefined {
  if (doc.storeId === CHAIN_WIDE) {
    return { path: 'storeId', detail: `store settings belong to one store, not '${CHAIN_WIDE}'` };
  }
  if (typeof doc.timeZone === 'string' && !isTimeZone(doc.timeZone)) {
    return { path: 'timeZone', detail: `${String(doc.timeZone)} is not an IANA time zone` };
  }
  // Shape-guarded: the same rules run for older schema versions (e.g. version 0 in a migration test).
  const languages = Array.isArray(doc.languages) ? (doc.languages as readonly string[]) : [];
  for (let i = 0; i < languages.length; i++) {
    if (!isLanguageTag(languages[i]!)) {
      return { path: `languages[${i}]`, detail: `${languages[i]} is not a BCP 47 language tag` };
    }
  }
  return checkValidity(doc);
}

const rulesByCollection: Readonly<Record<string, CollectionRule>> = {
  stores: checkStoreSettings,
  products: checkGtins,
  prices: checkValidity,
  promotions: checkValidity,
  tax_rates: checkValidity,
  stock_movements: (doc) => {
    if (doc.kind !== 'count') return undefined;
    const seen = new Set<unknown>();
    const includes = doc.includes as readonly { deviceId: string; deviceSequence: number }[];
    for (let i = 0; i < includes.length; i++) {
      const { deviceId, deviceSequence } = includes[i]!;
      if (seen.has(deviceId))
        return { path: `includes[${i}].deviceId`, detail: `device ${deviceId} listed twice` };
      seen.add(deviceId);
      // The count takes its own place in its device's sequence: it can only reflect that device's earlier lines.
      if (deviceId === doc.deviceId && deviceSequence >= (doc.deviceSequence as number)) {
        return {
          path: `includes[${i}].deviceSequence`,
          detail: `a count made at sequence ${String(doc.deviceSequence)} of ${deviceId} cannot include its own or later lines`,
        };
      }
    }
    return undefined;
  },
  loyalty_entries: (doc) => {
    const points = doc.points as number;
    switch (doc.kind) {
      case 'points-earned':
        return points > 0 ? undefined : { path: 'points', detail: 'earned points are positive' };
      case 'points-spent':
      case 'points-expired':
        return points < 0
          ? undefined
          : { path: 'points', detail: `${doc.kind} lowers the balance: negative` };
      case 'points-adjusted':
        return points !== 0 ? undefined : { path: 'points', detail: 'an adjustment changes the balance' };
      case 'coupon-reversed':
        if (!isUuidv7(doc.reversesId) || doc.reversesId === doc.id) {
          return {
            path: 'reversesId',
            detail: 'a reversal names the coupon-redeemed entry it undoes (its device-made UUIDv7)',
          };
        }
        return undefined;
      default:
        return undefined;
    }
  },
};

/**
 * The rules JSON Schema cannot say: integer money and weights everywhere, transaction ids are UUIDv7 made on
 * the device, transactions belong to one real store (never '*'), plus per-collection cross-field rules.
 * Runs after schema validation, so the document already has the schema's shape.
 */
export function checkInvariants(
  collection: string,
  kind: 'master' | 'transaction',
  doc: Doc,
): InvariantViolation | undefined {
  if (doc.storeId === '')
    return { path: 'storeId', detail: `must name a store, or '${CHAIN_WIDE}' for chain-wide data` };
  if (kind === 'transaction') {
    if (doc.storeId === CHAIN_WIDE) {
      return { path: 'storeId', detail: `a transaction belongs to one store, not '${CHAIN_WIDE}'` };
    }
    if (!isUuidv7(doc.id))
      return { path: 'id', detail: 'a transaction id is a lower-case UUIDv7 made on the device' };
  }
  const amount = findNonIntegerAmount(doc, '', '');
  if (amount) return amount;
  return rulesByCollection[collection]?.(doc);
}
