import { err, ok, type Result } from '@storefloor/core';

/**
 * A product the control page offers to scan: the code a scanner reads (GTIN, PLU or an in-store label) and a
 * name a person recognises. `grams` is what one of it weighs, so "put in cart" and "weigh" can use it. The
 * list comes from a file given at start (`--products`), never from the store's own code: the simulator knows
 * no catalogue.
 */
export interface ControlPageProduct {
  readonly code: string;
  readonly name: string;
  readonly grams?: number;
  /** `weight` for goods sold by weight: the page offers to weigh them rather than scan a package. */
  readonly unit?: 'piece' | 'weight';
}

const MAX_PRODUCTS = 5_000;

/** Validates a parsed products file (`[{ code, name, grams?, unit? }]`); the message names the entry. */
export function parseControlPageProducts(input: unknown): Result<ControlPageProduct[], 'bad-products'> {
  const list = Array.isArray(input) ? input : (input as { products?: unknown } | null)?.products;
  if (!Array.isArray(list)) return err('bad-products', 'a products file is a list of { code, name }');
  if (list.length > MAX_PRODUCTS)
    return err('bad-products', `a products file holds at most ${MAX_PRODUCTS} products, got ${list.length}`);
  const out: ControlPageProduct[] = [];
  for (const [index, raw] of list.entries()) {
    const at = `products[${index}]`;
    if (typeof raw !== 'object' || raw === null) return err('bad-products', `${at} must be an object`);
    const entry = raw as Record<string, unknown>;
    if (typeof entry.code !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(entry.code))
      return err('bad-products', `${at}.code must be 1-128 printable ASCII characters`);
    if (typeof entry.name !== 'string' || entry.name.length === 0 || entry.name.length > 200)
      return err('bad-products', `${at}.name must be a text of 1-200 characters`);
    if (entry.grams !== undefined && (!Number.isSafeInteger(entry.grams) || (entry.grams as number) < 0))
      return err('bad-products', `${at}.grams must be a whole number of grams`);
    if (entry.unit !== undefined && entry.unit !== 'piece' && entry.unit !== 'weight')
      return err('bad-products', `${at}.unit must be "piece" or "weight"`);
    out.push({
      code: entry.code,
      name: entry.name,
      ...(entry.grams === undefined ? {} : { grams: entry.grams as number }),
      ...(entry.unit === undefined ? {} : { unit: entry.unit as 'piece' | 'weight' }),
    });
  }
  return ok(out);
}
