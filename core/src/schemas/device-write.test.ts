import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeviceWrite, sameDocument } from './device-write.js';
import { validDocuments } from './fixtures.test-support.js';

const sale = {
  id: '019ab0c0-0000-7000-8000-000000000001',
  storeId: 'store-0042',
  deviceId: 'lane-1',
  status: 'open',
  lines: [{ id: 'l1', quantity: 1 }],
};

describe('checkDeviceWrite', () => {
  it('keeps master data read-only for devices', () => {
    expect(checkDeviceWrite('products', null, { id: 'p1' })).toMatchObject({
      ok: false,
      reason: 'master-read-only',
    });
    expect(checkDeviceWrite('employees', null, validDocuments.employees)).toMatchObject({
      reason: 'master-read-only',
    });
    expect(checkDeviceWrite('baskets', null, { id: 'x' })).toMatchObject({ reason: 'unknown-collection' });
  });

  it('creates once, lets an open sale change, then freezes it', () => {
    expect(checkDeviceWrite('sales', null, sale)).toEqual({ ok: true, value: 'create' });
    const more = { ...sale, lines: [...sale.lines, { id: 'l2', quantity: 2 }] };
    expect(checkDeviceWrite('sales', sale, more)).toEqual({ ok: true, value: 'update' });
    const completed = { ...more, status: 'completed' };
    expect(checkDeviceWrite('sales', more, completed)).toEqual({ ok: true, value: 'update' });
    expect(checkDeviceWrite('sales', completed, { ...completed, lines: [] })).toMatchObject({
      reason: 'final-immutable',
    });
    expect(checkDeviceWrite('sales', completed, { ...completed, _deleted: true })).toMatchObject({
      reason: 'final-immutable',
    });
    expect(checkDeviceWrite('sales', more, { ...more, storeId: 'store-0007' })).toMatchObject({
      reason: 'owner-mismatch',
    });
  });

  it('treats pushing the same final document again as a no-op, whatever its key order or revision', () => {
    const movement = validDocuments.stock_movements;
    const reordered = Object.fromEntries(Object.entries(movement).reverse());
    expect(checkDeviceWrite('stock_movements', movement, { ...reordered, _rev: '2-abc' })).toEqual({
      ok: true,
      value: 'no-op',
    });
    expect(checkDeviceWrite('stock_movements', movement, { ...movement, quantity: 3 })).toMatchObject({
      reason: 'final-immutable',
    });
  });

  it('compares JSON documents structurally', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameDocument(a, structuredClone(a))).toBe(true);
        expect(sameDocument(a, b)).toBe(sameDocument(b, a));
        if (JSON.stringify(a) === JSON.stringify(b)) expect(sameDocument(a, b)).toBe(true);
        expect(sameDocument({ v: a }, { v: a, extra: 1 })).toBe(false);
      }),
    );
  });
});
