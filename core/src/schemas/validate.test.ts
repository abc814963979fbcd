import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validDocuments, validVariants } from './fixtures.test-support.js';
import { validateDocument } from './validate.js';

const names = Object.keys(validDocuments) as (keyof typeof validDocuments)[];

describe('validateDocument', () => {
  it.each(names)('accepts a well-formed %s document, with or without the wire flag _deleted', (name) => {
    const doc = validDocuments[name];
    expect(validateDocument(name, doc)).toEqual({ ok: true, value: doc });
    expect(validateDocument(name, { ...doc, _deleted: false }).ok).toBe(true);
  });

  it.each(Object.entries(validVariants))(
    'accepts the %s kind of a ledger that holds several kinds',
    (_, doc) => {
      const collection = 'includes' in doc ? 'stock_movements' : 'loyalty_entries';
      expect(validateDocument(collection, doc)).toEqual({ ok: true, value: doc });
    },
  );

  it('names an unknown collection', () => {
    expect(validateDocument('carts', {})).toMatchObject({ ok: false, reason: 'unknown-collection' });
    expect(validateDocument('hasOwnProperty', {})).toMatchObject({ ok: false, reason: 'unknown-collection' });
  });

  it('names the missing, extra or wrong field', () => {
    const { quantity: _q, ...withoutQuantity } = validDocuments.stock_movements;
    expect(validateDocument('stock_movements', withoutQuantity)).toMatchObject({
      ok: false,
      reason: 'schema-invalid',
      path: 'quantity',
    });
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, colour: 'red' }),
    ).toMatchObject({
      reason: 'schema-invalid',
      path: 'colour',
    });
    const badInclude = {
      ...validVariants.stockCount,
      includes: [{ deviceId: 'lane-1', deviceSequence: -1 }],
    };
    expect(validateDocument('stock_movements', badInclude)).toMatchObject({
      reason: 'schema-invalid',
      path: 'includes[0].deviceSequence',
    });
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, kind: 'theft' }),
    ).toMatchObject({
      path: 'kind',
    });
  });

  it('refuses fractional money, quantities and weights', () => {
    expect(
      validateDocument('loyalty_entries', { ...validVariants.couponRedeemed, discountAmount: 4.99 }),
    ).toMatchObject({ reason: 'schema-invalid', path: 'discountAmount' });
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, quantity: 0.5 }),
    ).toMatchObject({
      path: 'quantity',
    });
    // Free-form facts are not typed by the schema, yet money in them is still integer minor units.
    const facts = { ...validDocuments.audit_entries.facts, newAmount: 1.99 };
    expect(validateDocument('audit_entries', { ...validDocuments.audit_entries, facts })).toMatchObject({
      path: 'facts.newAmount',
    });
  });

  it('refuses negative quantities, points and discounts', () => {
    expect(validateDocument('stock_movements', { ...validDocuments.stock_movements, quantity: -2 }).ok).toBe(
      false,
    );
    expect(
      validateDocument('loyalty_entries', { ...validVariants.couponRedeemed, discountAmount: -1 }).ok,
    ).toBe(false);
    expect(validateDocument('stock_movements', { ...validVariants.stockCount, quantity: -1 })).toMatchObject({
      path: 'quantity',
    });
    expect(validateDocument('stock_movements', { ...validVariants.stockCount, quantity: 0 }).ok).toBe(true);
  });

  it('keeps transactions in one real store with a device-made UUIDv7', () => {
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, storeId: '*' }),
    ).toMatchObject({
      path: 'storeId',
    });
    expect(
      validateDocument('loyalty_entries', { ...validDocuments.loyalty_entries, id: 'entry-1' }),
    ).toMatchObject({
      path: 'id',
    });
    expect(validateDocument('stores', { ...validDocuments.stores, storeId: '*' })).toMatchObject({
      path: 'storeId',
    });
    expect(validateDocument('employees', { ...validDocuments.employees, storeId: '*' }).ok).toBe(true);
  });

  it('holds store settings to a real time zone, BCP 47 languages and one real store', () => {
    const store = validDocuments.stores;
    expect(validateDocument('stores', { ...store, timeZone: 'Europe/Lyon' })).toMatchObject({
      path: 'timeZone',
    });
    expect(validateDocument('stores', { ...store, languages: ['fr-FR', 'fr_FR!'] })).toMatchObject({
      path: 'languages[1]',
    });
    expect(validateDocument('stores', { ...store, languages: [] })).toMatchObject({ path: 'languages' });
    expect(validateDocument('stores', { ...store, businessDayStartHour: 24 })).toMatchObject({
      path: 'businessDayStartHour',
    });
    expect(validateDocument('stores', { ...store, validFrom: 10, validTo: 10 })).toMatchObject({
      path: 'validTo',
    });
    expect(validateDocument('stores', { ...store, taxRounding: 'half-even' })).toMatchObject({
      path: 'taxRounding',
    });
  });

  it('holds GTINs to their GS1 check digit, not only their length', () => {
    const product = validDocuments.products;
    // 4006381333931: the EAN-13 worked example of Wikipedia's "International Article Number"; ...932 breaks it.
    expect(validateDocument('products', { ...product, gtins: ['4006381333931', '96385074'] }).ok).toBe(true);
    expect(
      validateDocument('products', { ...product, gtins: ['4006381333931', '4006381333932'] }),
    ).toMatchObject({ ok: false, path: 'gtins[1]', detail: expect.stringContaining('check digit') });
    expect(validateDocument('products', { ...product, gtins: ['1234567890'] })).toMatchObject({
      path: 'gtins[0]',
    });
  });

  it('never lets a version end before it starts', () => {
    for (const collection of ['prices', 'promotions', 'tax_rates'] as const) {
      const doc = { ...validDocuments[collection], validFrom: 1_000, validTo: 1_000 };
      expect(validateDocument(collection, doc), collection).toMatchObject({ path: 'validTo' });
    }
  });

  it('never stores a bare PIN', () => {
    for (const pinHash of ['1234', '00001234000012340000', 'plain-text-pin-12345678']) {
      expect(validateDocument('employees', { ...validDocuments.employees, pinHash })).toMatchObject({
        path: 'pinHash',
      });
    }
    expect(validateDocument('employees', { ...validDocuments.employees, roles: ['owner'] })).toMatchObject({
      path: 'roles[0]',
    });
  });

  it('enforces cross-field rules', () => {
    const twice = {
      ...validVariants.stockCount,
      includes: [
        { deviceId: 'lane-1', deviceSequence: 1 },
        { deviceId: 'lane-1', deviceSequence: 2 },
      ],
    };
    expect(validateDocument('stock_movements', twice)).toMatchObject({ path: 'includes[1].deviceId' });
    // A count takes the next place in its own device's sequence: it reflects only that device's earlier lines.
    const count = validVariants.stockCount;
    const ownLine = {
      ...count,
      includes: [{ deviceId: count.deviceId, deviceSequence: count.deviceSequence }],
    };
    expect(validateDocument('stock_movements', ownLine)).toMatchObject({
      path: 'includes[0].deviceSequence',
    });
    const earlier = {
      ...count,
      includes: [{ deviceId: count.deviceId, deviceSequence: count.deviceSequence - 1 }],
    };
    expect(validateDocument('stock_movements', earlier).ok).toBe(true);
  });

  it('gives each kind of stock ledger line exactly its own fields', () => {
    const { includes: _i, ...countWithoutIncludes } = validVariants.stockCount;
    expect(validateDocument('stock_movements', countWithoutIncludes)).toMatchObject({
      reason: 'schema-invalid',
      path: 'includes',
    });
    const saleWithIncludes = { ...validDocuments.stock_movements, includes: [] };
    expect(validateDocument('stock_movements', saleWithIncludes)).toMatchObject({
      path: 'includes',
      detail: 'includes: not allowed for this kind',
    });
    // A flow moves at least one piece or gram; only a count may say the shelf is empty.
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, quantity: 0 }),
    ).toMatchObject({
      path: 'quantity',
    });
  });

  it('gives each kind of loyalty entry exactly its own fields', () => {
    const { reversesId: _r, ...reversalWithoutTarget } = validVariants.couponReversed;
    expect(validateDocument('loyalty_entries', reversalWithoutTarget)).toMatchObject({ path: 'reversesId' });
    expect(
      validateDocument('loyalty_entries', { ...validVariants.couponReversed, reversesId: '' }),
    ).toMatchObject({
      path: 'reversesId',
    });
    const undoesItself = { ...validVariants.couponReversed, reversesId: validVariants.couponReversed.id };
    expect(validateDocument('loyalty_entries', undoesItself)).toMatchObject({ path: 'reversesId' });
    const redeemNamingOne = { ...validVariants.couponRedeemed, reversesId: validVariants.couponRedeemed.id };
    expect(validateDocument('loyalty_entries', redeemNamingOne)).toMatchObject({ path: 'reversesId' });
    const { promotionId: _p, ...couponWithoutPromotion } = validVariants.couponRedeemed;
    expect(validateDocument('loyalty_entries', couponWithoutPromotion)).toMatchObject({
      path: 'promotionId',
    });
    expect(
      validateDocument('loyalty_entries', { ...validVariants.couponRedeemed, couponCode: '' }),
    ).toMatchObject({
      path: 'couponCode',
    });
    expect(
      validateDocument('loyalty_entries', { ...validVariants.couponRedeemed, points: 10 }),
    ).toMatchObject({
      path: 'points',
    });
    const { points: _q, ...pointsWithoutPoints } = validDocuments.loyalty_entries;
    expect(validateDocument('loyalty_entries', pointsWithoutPoints)).toMatchObject({ path: 'points' });
    expect(
      validateDocument('loyalty_entries', { ...validDocuments.loyalty_entries, memberId: '' }),
    ).toMatchObject({
      path: 'memberId',
    });
    expect(
      validateDocument('loyalty_entries', { ...validDocuments.loyalty_entries, discountAmount: 100 }),
    ).toMatchObject({ path: 'discountAmount' });
    expect(
      validateDocument('loyalty_entries', { ...validDocuments.loyalty_entries, couponCode: 'WELCOME-5' }),
    ).toMatchObject({ path: 'couponCode' });
  });

  it('signs points by kind: earned up, spent and expired down, adjusted either way', () => {
    const points = (kind: string, value: number) =>
      validateDocument('loyalty_entries', { ...validDocuments.loyalty_entries, kind, points: value }).ok;
    expect([points('points-earned', 10), points('points-earned', -10), points('points-earned', 0)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([points('points-spent', -10), points('points-spent', 10)]).toEqual([true, false]);
    expect([points('points-expired', -10), points('points-expired', 10)]).toEqual([true, false]);
    expect([
      points('points-adjusted', 10),
      points('points-adjusted', -10),
      points('points-adjusted', 0),
    ]).toEqual([true, true, false]);
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names, 'products', 'nope'), fc.anything(), (name, doc) => {
        const result = validateDocument(name, doc);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), fc.anything(), (name, field, value) => {
        const doc = { ...validDocuments[name], [field]: value };
        const result = validateDocument(name, doc);
        if (!result.ok) expect(result.reason).toBe('schema-invalid');
      }),
    );
    const variants = Object.values(validVariants);
    fc.assert(
      fc.property(
        fc.constantFrom(...variants),
        fc.constantFrom('kind', 'includes', 'points', 'reversesId'),
        fc.anything(),
        (doc, field, value) => {
          const collection = 'includes' in doc ? 'stock_movements' : 'loyalty_entries';
          const result = validateDocument(collection, { ...doc, [field]: value });
          if (!result.ok) expect(result.reason).toBe('schema-invalid');
        },
      ),
    );
  });
});
