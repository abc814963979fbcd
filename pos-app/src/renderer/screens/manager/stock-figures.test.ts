import type { ProductDoc, StockMovementDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { sessionMovements, stockRows } from './stock-figures.js';

const product = (id: string, name: string) => ({ id, name, unit: 'each' }) as ProductDoc;
const who = { storeId: 's', deviceId: 'mgr', employeeId: 'emp-mia', sourceId: 'session-1' };
const now = Date.UTC(2026, 5, 8);

describe('stock at the manager', () => {
  it('writes counts that include every device’s lines so far, numbered after its own', () => {
    const sale = {
      id: 'm1',
      storeId: 's',
      productId: 'p1',
      kind: 'sale',
      quantity: 2,
      unit: 'unit',
      deviceId: 'lane-1',
      deviceSequence: 7,
      sourceId: '',
      reason: '',
      employeeId: 'e',
      occurredAt: now - 3600_000,
    } as StockMovementDoc;
    const count = sessionMovements('count', new Map([['p1', 10]]), [sale], who, now);
    expect(count).toMatchObject([
      {
        kind: 'count',
        productId: 'p1',
        quantity: 10,
        deviceSequence: 1,
        includes: [{ deviceId: 'lane-1', deviceSequence: 7 }],
      },
    ]);
    const receipt = sessionMovements('receipt', new Map([['p1', 6]]), [sale, ...count], who, now);
    expect(receipt).toMatchObject([{ kind: 'receipt', quantity: 6, deviceSequence: 2 }]);
    const later = { ...sale, id: 'm2', deviceSequence: 8, quantity: 1 };
    const rows = stockRows(
      [product('p1', 'Milk'), product('p2', 'Cola')],
      [sale, ...count, ...receipt, later],
      now,
    );
    // 10 counted (the earlier sale already in it) + 6 received − 1 sold after = 15.
    expect(rows.find((r) => r.productId === 'p1')).toMatchObject({
      onHand: 15,
      counted: true,
      safetyStock: 2,
      suggestedOrder: 0,
    });
    // Never counted, nothing in the ledger: order up to twice the minimum safety stock.
    expect(rows[0]).toMatchObject({ productId: 'p2', onHand: null, suggestedOrder: 4 });
  });

  it('raises the safety stock with the week’s sales and suggests an order below it', () => {
    const sales = Array.from({ length: 14 }, (_, i) => ({
      id: `s${i}`,
      storeId: 's',
      productId: 'p1',
      kind: 'sale',
      quantity: 1,
      unit: 'unit',
      deviceId: 'lane-1',
      deviceSequence: i + 1,
      sourceId: '',
      reason: '',
      employeeId: 'e',
      occurredAt: now - i * 3600_000,
    })) as StockMovementDoc[];
    const count = sessionMovements('count', new Map([['p1', 20]]), sales.slice(0, 12), who, now);
    // 14 sold in a week: 2 a day, 6 for three days; on hand 20 − 2 sold after the count = 18.
    const rows = stockRows([product('p1', 'Milk')], [...sales, ...count], now);
    expect(rows[0]).toMatchObject({ onHand: 18, safetyStock: 6, suggestedOrder: 0 });
    const low = sessionMovements('count', new Map([['p1', 3]]), [...sales, ...count], who, now);
    expect(stockRows([product('p1', 'Milk')], [...sales, ...count, ...low], now)[0]).toMatchObject({
      onHand: 3,
      suggestedOrder: 9,
    });
  });
});
