import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { price, product, T0 } from '../sale/retail-fixtures.test-support.js';
import { checkBaggedWeight } from './bagged-weight.js';
import { buildCatalogIndex, productByGtin, productByPlu } from './catalog-index.js';
import { checkPrice } from './check-price.js';
import { checkProduct } from './check-product.js';
import { priceInForce } from './price-in-force.js';

describe('priceInForce', () => {
  const milk = product('milk');
  const day = 86_400_000;

  it('a later version supersedes an earlier one from its validFrom, the old one stays untouched', () => {
    const versions = [
      price('milk', 109, { id: 'v1', validFrom: T0 - 10 * day }),
      price('milk', 119, { id: 'v2', validFrom: T0 + day }),
    ];
    expect(priceInForce(milk, 's1', T0, versions)).toMatchObject({
      ok: true,
      value: { priceId: 'v1', unitPrice: 109 },
    });
    expect(priceInForce(milk, 's1', T0 + day, versions)).toMatchObject({
      ok: true,
      value: { unitPrice: 119 },
    });
  });

  it("a store's own price beats the chain-wide price", () => {
    const versions = [
      price('milk', 109, { id: 'chain', validFrom: T0 - day }),
      price('milk', 99, { id: 'local', storeId: 's1', validFrom: T0 - 5 * day }),
    ];
    expect(priceInForce(milk, 's1', T0, versions)).toMatchObject({ ok: true, value: { priceId: 'local' } });
    expect(priceInForce(milk, 's2', T0, versions)).toMatchObject({ ok: true, value: { priceId: 'chain' } });
  });

  it('a correction with the same validFrom written later wins; a temporary price ends at validTo', () => {
    const versions = [
      price('milk', 109, { id: 'a', validFrom: T0 - day, createdAt: T0 - day }),
      price('milk', 105, { id: 'b', validFrom: T0 - day, createdAt: T0 - day + 1 }),
      price('milk', 89, { id: 'promo-week', validFrom: T0, validTo: T0 + 7 * day, createdAt: T0 - 2 * day }),
    ];
    expect(priceInForce(milk, 's1', T0 - 1, versions)).toMatchObject({ ok: true, value: { priceId: 'b' } });
    expect(priceInForce(milk, 's1', T0, versions)).toMatchObject({
      ok: true,
      value: { priceId: 'promo-week' },
    });
    expect(priceInForce(milk, 's1', T0 + 7 * day, versions)).toMatchObject({
      ok: true,
      value: { priceId: 'b' },
    });
  });

  it('carries the member price and refuses when there is none or the product is inactive', () => {
    const versions = [price('milk', 109, { memberAmount: 95 }), price('bread', 250)];
    expect(priceInForce(milk, 's1', T0, versions)).toMatchObject({
      ok: true,
      value: { memberUnitPrice: 95 },
    });
    expect(priceInForce(milk, 's1', T0 - 2 * day, versions)).toMatchObject({ ok: false, reason: 'no-price' });
    expect(priceInForce({ ...milk, active: false }, 's1', T0, versions)).toMatchObject({
      ok: false,
      reason: 'product-inactive',
    });
  });

  it('does not depend on the order of the versions', () => {
    const arb = fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        storeId: fc.constantFrom('*', 's1', 's2'),
        validFrom: fc.integer({ min: 0, max: 20 }),
        createdAt: fc.integer({ min: 0, max: 5 }),
        amount: fc.nat(1000),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 25 }), (raw, at) => {
        const versions = raw.map((r) => price('milk', r.amount, r));
        const a = priceInForce(milk, 's1', at, versions);
        const b = priceInForce(milk, 's1', at, [...versions].reverse());
        expect(b).toEqual(a);
      }),
    );
  });
});

describe('catalog index', () => {
  const cola = product('cola', { gtins: ['5449000000996'], plu: '' });
  const bananas = product('bananas', { unit: 'weight', plu: '4011', gtins: [] });
  const localCola = product('cola-local', { storeId: 's1', gtins: ['05449000000996'] });

  it('finds a product by GTIN in any length (GTIN-13 = GTIN-14 with a leading zero) and by PLU', () => {
    const index = buildCatalogIndex([cola, bananas], 's1');
    expect(productByGtin(index, '05449000000996')).toMatchObject({ ok: true, value: { id: 'cola' } });
    expect(productByPlu(index, '4011')).toMatchObject({ ok: true, value: { id: 'bananas' } });
    expect(productByGtin(index, '4006381333931')).toMatchObject({ ok: false, reason: 'unknown-gtin' });
    expect(productByPlu(index, '9999')).toMatchObject({ ok: false, reason: 'unknown-plu' });
  });

  it("prefers the store's own product for a shared GTIN, ignores other stores' and inactive products", () => {
    const other = product('cola-other', { storeId: 's2', gtins: ['5449000000996'], updatedAt: T0 + 5 });
    const index = buildCatalogIndex([localCola, cola, other], 's1');
    expect(productByGtin(index, '5449000000996')).toMatchObject({ ok: true, value: { id: 'cola-local' } });
    const gone = buildCatalogIndex([{ ...cola, active: false }], 's1');
    expect(productByGtin(gone, '5449000000996')).toMatchObject({ ok: false });
  });
});

describe('checkProduct', () => {
  it('names the field at fault', () => {
    expect(checkProduct(product('x', { gtins: ['12345'] }))).toMatchObject({
      reason: 'invalid-gtin',
      path: 'gtins',
    });
    expect(checkProduct(product('x', { plu: '12a' }))).toMatchObject({ reason: 'invalid-plu', path: 'plu' });
    expect(checkProduct(product('x', { ageRestriction: 120 }))).toMatchObject({
      reason: 'invalid-age-restriction',
    });
    expect(checkProduct(product('x', { taxClass: '' }))).toMatchObject({
      reason: 'missing-field',
      path: 'taxClass',
    });
    expect(checkProduct(product('x', { expectedUnitWeightGrams: 1.5 }))).toMatchObject({
      reason: 'invalid-weight',
    });
    expect(checkProduct(product('x'))).toMatchObject({ ok: true });
  });
});

describe('bagged weight check (self-checkout, smart carts)', () => {
  const can = { expectedUnitWeightGrams: 355, weightToleranceGrams: 15 };
  it('accepts a weight within tolerance per unit and flags too light / too heavy', () => {
    expect(checkBaggedWeight(can, 2, 700).verdict).toBe('match');
    expect(checkBaggedWeight(can, 2, 679).verdict).toBe('too-light');
    expect(checkBaggedWeight(can, 2, 741)).toMatchObject({ verdict: 'too-heavy', deltaGrams: 31 });
    expect(checkBaggedWeight({}, 1, 100).verdict).toBe('unknown');
  });
});

describe('checkPrice', () => {
  it('refuses a fraction of a minor unit, an unknown currency and inverted windows, naming the field', () => {
    expect(checkPrice(price('milk', 109.5))).toMatchObject({
      ok: false,
      reason: 'fraction-of-minor-unit',
      path: 'amount',
    });
    expect(checkPrice(price('milk', 109, { currency: 'EUX' }))).toMatchObject({ reason: 'unknown-currency' });
    expect(checkPrice(price('milk', 109, { memberAmount: 119 }))).toMatchObject({
      reason: 'member-price-above-price',
    });
    expect(checkPrice(price('milk', 109, { memberAmount: -1 }))).toMatchObject({
      reason: 'negative-amount',
      path: 'memberAmount',
    });
    expect(checkPrice(price('milk', 109, { validFrom: T0, validTo: T0 }))).toMatchObject({
      reason: 'invalid-dates',
    });
    expect(checkPrice(price('milk', 109, { memberAmount: 99 }))).toMatchObject({ ok: true });
  });
});
