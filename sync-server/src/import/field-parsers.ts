import { CHAIN_WIDE, err, ok, type Result } from '@storefloor/core';

/**
 * Parsers for one import field. CSV gives every field as a string, JSON may give numbers and booleans; both
 * go through the same parsers so one row shape serves every format. A failure names what was expected; the
 * pipeline adds the line and the field name.
 */
export type FieldParser<T> = (value: unknown) => Result<T>;

/** A field is blank when absent, null or only whitespace: optional columns may be left empty in a CSV. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Text, trimmed. Its length and shape are core's schema's business (`validateDocument` runs on every
 * document an import builds), so no limit is repeated here.
 */
export function text(value: unknown): Result<string> {
  if (typeof value !== 'string') return err('not-text', 'expected text');
  return ok(value.trim());
}

export function identifier(value: unknown): Result<string> {
  if (typeof value !== 'string' && typeof value !== 'number')
    return err('not-an-id', 'expected an identifier');
  const id = String(value).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(id)) {
    return err('not-an-id', 'identifiers are 1-64 letters, digits, ".", "_", ":" or "-"');
  }
  return ok(id);
}

/**
 * Whole numbers only: "3" or 3, never "3.0" or "3e2", so a spreadsheet's float never slips through. Ranges
 * the schema states are left to the schema (`wholeNumber`); a range here is for import-only rules.
 */
export function integer(min: number, max: number): FieldParser<number> {
  return (value) => {
    const source =
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    if (source === undefined || !/^-?\d{1,16}$/.test(source))
      return err('not-an-integer', 'expected a whole number');
    const n = Number(source);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      return err('out-of-range', `expected ${min} to ${max}`);
    return ok(n);
  };
}

/** A whole number whose range core's schema checks. */
export const wholeNumber: FieldParser<number> = integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

const TRUE_WORDS = new Set(['true', 'yes', '1', 'y']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n']);

export function boolean(value: unknown): Result<boolean> {
  if (typeof value === 'boolean') return ok(value);
  const word =
    typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return err('not-a-boolean', 'expected true/false, yes/no or 1/0');
}

export function oneOf<T extends string>(choices: readonly T[]): FieldParser<T> {
  return (value) => {
    const word = typeof value === 'string' ? value.trim() : '';
    return (choices as readonly string[]).includes(word)
      ? ok(word as T)
      : err('not-a-choice', `expected one of ${choices.join(', ')}`);
  };
}

/**
 * An instant as epoch milliseconds: an ISO 8601 date-time with its offset ("2025-03-01T06:00:00+01:00",
 * "...Z") or epoch milliseconds. A date without a time or offset is refused: which midnight it means depends
 * on the store's time zone, and guessing moves a price change by hours.
 */
export function instant(value: unknown): Result<number> {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{1,16}$/.test(value.trim()))) {
    const n = Number(value);
    return Number.isSafeInteger(n) && n >= 0
      ? ok(n)
      : err('not-an-instant', 'epoch milliseconds out of range');
  }
  if (typeof value !== 'string') return err('not-an-instant', 'expected an ISO 8601 date-time with offset');
  const source = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(source)) {
    return err(
      'not-an-instant',
      'expected an ISO 8601 date-time with offset, e.g. 2025-03-01T06:00:00+01:00',
    );
  }
  const ms = Date.parse(source);
  return Number.isNaN(ms) || ms < 0 ? err('not-an-instant', 'not a real date-time') : ok(ms);
}

/**
 * A list in one CSV cell, separated by ";" (JSON may send an array). Empty cell = empty list. How many items
 * a field may hold is the schema's rule; `LIST_ITEMS_LIMIT` only stops a runaway cell before it is parsed.
 */
const LIST_ITEMS_LIMIT = 10_000;

export function list<T>(item: FieldParser<T>): FieldParser<T[]> {
  return (value) => {
    const parts = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? value
            .split(';')
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : undefined;
    if (parts === undefined) return err('not-a-list', 'expected values separated by ";"');
    if (parts.length > LIST_ITEMS_LIMIT) return err('too-many', `at most ${LIST_ITEMS_LIMIT} values`);
    const items: T[] = [];
    for (const part of parts) {
      const parsed = item(part);
      if (!parsed.ok) return parsed;
      items.push(parsed.value);
    }
    return ok(items);
  };
}

/** ISO 4217 alphabetic code. */
export function currencyCode(value: unknown): Result<string> {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return /^[A-Z]{3}$/.test(code) ? ok(code) : err('not-a-currency', 'expected an ISO 4217 code such as EUR');
}

/** A store id, or '*' for chain-wide master data. */
export function storeIdField(value: unknown): Result<string> {
  if (typeof value === 'string' && value.trim() === CHAIN_WIDE) return ok(CHAIN_WIDE);
  return identifier(value);
}
