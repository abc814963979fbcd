import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LabelBindingScans } from './label-binding-scans.js';
import { ShelfLabelBindings } from './shelf-label-bindings.js';

const catalog = new Map([
  ['6901234567892', 'p-milk'],
  ['6907777000011', 'p-tea'],
]);
const lookup = (code: string) => (catalog.has(code) ? { productId: catalog.get(code) as string } : undefined);

describe('binding labels to products by scanning', () => {
  it('binds a scanned label to the scanned product, lists it per product, moves and unbinds it', () => {
    const db = new Database(':memory:');
    const bindings = new ShelfLabelBindings(db);
    const changed: string[][] = [];
    bindings.onChange((ids) => changed.push([...ids]));
    const scans = new LabelBindingScans(bindings, lookup, '2.9-bwr');
    // A 6-byte MAC as printed on the tag, read as the AP names it (0000 + MAC).
    expect(scans.scanLabel('handheld-1', '00:1b:2c:3d:4e:5f')).toMatchObject({
      ok: true,
      value: { labelMac: '0000001B2C3D4E5F', boundTo: undefined },
    });
    expect(scans.scanProduct('handheld-1', '6901234567892', 'emp-1', 1000).ok).toBe(true);
    scans.scanLabel('handheld-1', '0000AABBCCDDEEFF');
    scans.scanProduct('handheld-1', '6901234567892', 'emp-1', 2000, '4.2-bwr');
    expect(bindings.forProduct('p-milk').map((b) => [b.labelMac, b.labelType])).toEqual([
      ['0000001B2C3D4E5F', '2.9-bwr'],
      ['0000AABBCCDDEEFF', '4.2-bwr'],
    ]);
    // Scanning the label again and another product moves it.
    scans.scanLabel('handheld-1', '001B2C3D4E5F');
    scans.scanProduct('handheld-1', '6907777000011', 'emp-2', 3000);
    expect(bindings.forProduct('p-milk').map((b) => b.labelMac)).toEqual(['0000AABBCCDDEEFF']);
    expect(bindings.forProduct('p-tea').map((b) => b.labelMac)).toEqual(['0000001B2C3D4E5F']);
    expect(changed).toContainEqual(['p-milk', 'p-tea']);
    scans.scanLabel('handheld-1', '0000AABBCCDDEEFF');
    expect(scans.unbindPending('handheld-1', 'emp-2', 4000).ok).toBe(true);
    expect(bindings.forProduct('p-milk')).toEqual([]);
    expect(bindings.history('001B2C3D4E5F').map((h) => `${h.action}:${h.productId}:${h.employeeId}`)).toEqual(
      ['bind:p-milk:emp-1', 'unbind:p-milk:emp-2', 'bind:p-tea:emp-2'],
    );
  });

  it('refuses an unknown product, a non-MAC label code and a product with no label pending, changing nothing', () => {
    const bindings = new ShelfLabelBindings(new Database(':memory:'));
    const scans = new LabelBindingScans(bindings, lookup, '2.9-bwr');
    expect(scans.scanProduct('lane-3', '6901234567892', 'emp-1', 1)).toMatchObject({
      ok: false,
      reason: 'no-label-scanned',
    });
    expect(scans.scanLabel('lane-3', 'not a label')).toMatchObject({ ok: false, reason: 'invalid-mac' });
    scans.scanLabel('lane-3', '0000AABBCCDDEEFF');
    expect(scans.scanProduct('lane-3', '4006381333931', 'emp-1', 1)).toMatchObject({
      ok: false,
      reason: 'unknown-product',
    });
    expect(bindings.all()).toEqual([]);
    // The label stays pending: the right product can still be scanned.
    expect(scans.scanProduct('lane-3', '6907777000011', 'emp-1', 2).ok).toBe(true);
    expect(bindings.bind('0000AABBCCDDEEFF', 'p-tea', '7.5-rgb', 'emp-1', 3)).toMatchObject({
      ok: false,
      reason: 'unknown-label-type',
    });
  });
});
