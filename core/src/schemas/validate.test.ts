import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validDocuments } from './fixtures.test-support.js';
import { validateDocument } from './validate.js';

const names = Object.keys(validDocuments) as (keyof typeof validDocuments)[];

describe('validateDocument', () => {
  it.each(names)('accepts a well-formed %s document, with or without the wire flag _deleted', (name) => {
    const doc = validDocuments[name];
    expect(validateDocument(name, doc)).toEqual({ ok: true, value: doc });
    expect(validateDocument(name, { ...doc, _deleted: false }).ok).toBe(true);
  });

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
      ...validDocuments.stock_counts,
      includes: [{ deviceId: 'lane-1', deviceSequence: -1 }],
    };
    expect(validateDocument('stock_counts', badInclude)).toMatchObject({
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
      validateDocument('coupon_redemptions', { ...validDocuments.coupon_redemptions, discountAmount: 4.99 }),
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
    expect(validateDocument('points_entries', { ...validDocuments.points_entries, points: 0 }).ok).toBe(
      false,
    );
    expect(
      validateDocument('coupon_redemptions', { ...validDocuments.coupon_redemptions, discountAmount: -1 }).ok,
    ).toBe(false);
  });

  it('keeps transactions in one real store with a device-made UUIDv7', () => {
    expect(
      validateDocument('stock_movements', { ...validDocuments.stock_movements, storeId: '*' }),
    ).toMatchObject({
      path: 'storeId',
    });
    expect(
      validateDocument('points_entries', { ...validDocuments.points_entries, id: 'entry-1' }),
    ).toMatchObject({
      path: 'id',
    });
    expect(validateDocument('stores', { ...validDocuments.stores, storeId: '*' })).toMatchObject({
      path: 'storeId',
    });
    expect(validateDocument('employees', { ...validDocuments.employees, storeId: '*' }).ok).toBe(true);
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
    const reverse = { ...validDocuments.coupon_redemptions, kind: 'reverse' };
    expect(validateDocument('coupon_redemptions', reverse)).toMatchObject({ path: 'reversesId' });
    const twice = {
      ...validDocuments.stock_counts,
      includes: [
        { deviceId: 'lane-1', deviceSequence: 1 },
        { deviceId: 'lane-1', deviceSequence: 2 },
      ],
    };
    expect(validateDocument('stock_counts', twice)).toMatchObject({ path: 'includes[1].deviceId' });
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
  });
});
