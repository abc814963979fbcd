import { randomBytes, scryptSync } from 'node:crypto';
import { createServer } from 'node:net';
import { validateDocument } from '@storefloor/core';
import type { HqServer } from './hq-server.js';
import { chineseStoreMaster, type Doc } from './store-documents.js';

/** The cart tests' goods (GTINs with their EAN-13 check digits). */
export const MILK = '6901234567892';
export const TEA = '6907992100012';
export const RICE = '6920000000012';
export const WINE = '6911369000010';
/** Chain coupons (internal codes 043…, EAN-13 check digit: core's internal-code.ts), each 3.00 off the tea. */
export const TEA_COUPONS = ['0430000000012', '0430000000029', '0430000000036'] as const;
export const SUPERVISOR = { id: 'emp-sup-1', pin: '4321' };

function valid(collection: string, doc: Doc): Doc {
  const checked = validateDocument(collection, doc);
  if (!checked.ok) throw new Error(`fixture ${collection}: ${checked.detail ?? checked.reason}`);
  return doc;
}

/** A PHC scrypt string as HQ writes it (sync-server's pin-hash), at a low cost for the test. */
export function phc(pin: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`;
}

/** A free TCP port, for a server that must come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const product = (
  id: string,
  gtin: string,
  grams: number,
  tolerance: number,
  t0: number,
  ageRestriction = 0,
) =>
  valid('products', {
    id,
    storeId: '*',
    name: id,
    receiptName: id,
    gtins: [gtin],
    plu: '',
    unit: 'each',
    taxClass: 'standard',
    ageRestriction,
    categoryId: 'grocery',
    productGroupId: '',
    active: true,
    updatedAt: t0,
    expectedUnitWeightGrams: grams,
    weightToleranceGrams: tolerance,
  });

const price = (productId: string, amount: number, t0: number) =>
  valid('prices', {
    id: `price-${productId}`,
    storeId: '*',
    productId,
    currency: 'CNY',
    amount,
    validFrom: t0,
    createdAt: t0,
  });

/**
 * Writes the cart tests' store at HQ: a CNY store, milk 12.90 (20 % off), tea 25.00, rice 39.90, wine 88.00
 * (18+), the tea coupons (3.00 off the tea, each code once), and a supervisor.
 */
export async function writeCartStore(hq: HqServer, storeId: string, t0: number): Promise<void> {
  await hq.createStore(storeId);
  const master = chineseStoreMaster(storeId, 'Store 77', t0);
  await hq.writeMaster('stores', master.stores);
  await hq.writeMaster('tax_rates', master.taxRates);
  await hq.writeMaster('products', [
    product('p-milk', MILK, 1000, 20, t0),
    product('p-tea', TEA, 250, 10, t0),
    product('p-rice', RICE, 5000, 50, t0),
    product('p-wine', WINE, 1250, 30, t0, 18),
  ]);
  await hq.writeMaster('prices', [
    price('p-milk', 1290, t0),
    price('p-tea', 2500, t0),
    price('p-rice', 3990, t0),
    price('p-wine', 8800, t0),
  ]);
  await hq.writeMaster('promotions', [
    valid('promotions', {
      id: 'promo-milk',
      storeId: '*',
      name: 'Milk 20 % off',
      receiptText: '牛奶八折',
      currency: 'CNY',
      priority: 10,
      exclusive: false,
      memberOnly: false,
      validFrom: t0,
      rule: {
        kind: 'percent-off',
        target: { productIds: ['p-milk'], categoryIds: [], productGroupIds: [] },
        percentBps: 2000,
      },
      createdAt: t0,
    }),
    valid('promotions', {
      id: 'coupon-tea-3',
      storeId: '*',
      name: 'Tea coupon',
      receiptText: '茶叶券 减3元',
      currency: 'CNY',
      priority: 5,
      exclusive: false,
      memberOnly: false,
      validFrom: t0,
      couponCodes: [...TEA_COUPONS],
      rule: {
        kind: 'amount-off',
        target: { productIds: ['p-tea'], categoryIds: [], productGroupIds: [] },
        amount: 300,
      },
      createdAt: t0,
    }),
  ]);
  await hq.writeMaster('employees', [
    valid('employees', {
      id: SUPERVISOR.id,
      storeId,
      name: 'Wang Fang',
      roles: ['supervisor'],
      pinHash: phc(SUPERVISOR.pin),
      badgeCode: '',
      active: true,
      updatedAt: t0,
    }),
  ]);
}
