import type { LoyaltyEntryDoc, SaleDoc } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { type ReceiptFacts, readReceipt } from './receipt-facts.js';
import {
  type CartExitFacts,
  type DayEvidence,
  formatReconciliation,
  reconcile,
  type ShelfLabelFacts,
} from './reconcile.js';

const VAT13 = '增值税 13% VAT';
const DELI = '店内现制 6% VAT (in-store deli)';

/** A completed sale as the lane writes it, reduced to what the reconciliation reads. */
function sale(
  n: number,
  options: {
    kind?: 'sale' | 'return';
    lines?: { productId: string; quantity: number; weightGrams?: number }[];
    tenders?: { kind: 'cash' | 'card'; amount: number }[];
    change?: number;
    memberId?: string;
    status?: 'completed' | 'open' | 'cancelled';
  } = {},
): SaleDoc {
  const lines = options.lines ?? [{ productId: 'sku-1', quantity: 2 }];
  const tenders = options.tenders ?? [{ kind: 'card', amount: 1130 }];
  const paid = tenders.reduce((sum, t) => sum + t.amount, 0);
  return {
    id: `0190f5c2-7e1b-7000-8000-${String(n).padStart(12, '0')}`,
    kind: options.kind ?? 'sale',
    status: options.status ?? 'completed',
    businessDay: '2026-12-02',
    currency: 'CNY',
    ...(options.memberId ? { memberId: options.memberId } : {}),
    lines: lines.map((l, i) => ({
      id: `l${i}`,
      productId: l.productId,
      quantity: l.quantity,
      unit: l.weightGrams === undefined ? 'piece' : 'weight',
      ...(l.weightGrams === undefined ? {} : { weightGrams: l.weightGrams }),
      voided: false,
    })),
    tenders: tenders.map((t, i) => ({ id: `t${i}`, ...t })),
    taxes: [
      { taxRateId: 'vat-13', label: VAT13, rateBps: 1300, base: 1000, tax: 100 },
      { taxRateId: 'vat-6', label: DELI, rateBps: 600, base: 28, tax: 2 },
    ],
    totals: { due: 1130, paid, change: options.change ?? 0, total: 1130 },
  } as unknown as SaleDoc;
}

/** The receipt the lane printed for a sale (the paper cuts the long deli label at its column). */
function receiptOf(doc: SaleDoc, points: { earned?: number; spent?: number } = {}): ReceiptFacts {
  return {
    code: doc.id.replaceAll('-', ''),
    printer: 'printer-lane-1',
    kind: doc.kind,
    currency: 'CNY',
    due: doc.totals.due,
    tenders: doc.tenders.map((t) => ({ kind: t.kind, amount: t.amount })),
    change: doc.totals.change,
    taxes: [
      { label: VAT13, tax: 100 },
      { label: '店内现制 6% VAT (in-store de', tax: 2 },
    ],
    ...(doc.memberId ? { memberId: doc.memberId } : {}),
    pointsEarned: points.earned ?? 0,
    pointsSpent: points.spent ?? 0,
  };
}

function points(
  doc: SaleDoc,
  kind: 'points-earned' | 'points-spent',
  value: number,
  id: string,
): LoyaltyEntryDoc {
  return {
    id,
    storeId: 'store-1',
    memberId: doc.memberId ?? '',
    saleId: doc.id,
    couponCode: '',
    deviceId: 'lane-1',
    employeeId: 'emp-1',
    createdAt: 0,
    kind,
    points: value,
  };
}

/** A day where everything agrees: two sales (one a member's, cash with change) and a return. */
function cleanDay(): DayEvidence {
  const a = sale(1);
  const b = sale(2, {
    memberId: 'mem-7',
    lines: [{ productId: 'sku-2', quantity: 1, weightGrams: 740 }],
    tenders: [{ kind: 'cash', amount: 2000 }],
    change: 870,
  });
  const r = sale(3, {
    kind: 'return',
    lines: [{ productId: 'sku-1', quantity: 1 }],
    tenders: [{ kind: 'cash', amount: 1130 }],
  });
  return {
    receipts: [receiptOf(a), receiptOf(b, { earned: 11 }), receiptOf(r)],
    unreadableReceipts: [],
    hqSales: [a, b, r, sale(4, { status: 'cancelled', tenders: [] })],
    hqReport: {
      taxes: [
        { label: VAT13, salesTax: 200, returnsTax: 100 },
        { label: DELI, salesTax: 4, returnsTax: 2 },
      ],
      tenders: [
        { kind: 'card', taken: 1130, refunded: 0 },
        { kind: 'cash', taken: 1130, refunded: 1130 },
      ],
    },
    openingStock: [
      { productId: 'sku-1', quantity: 10 },
      { productId: 'sku-2', quantity: 5_000 },
    ],
    hqStock: [
      { productId: 'sku-1', quantity: 9 },
      { productId: 'sku-2', quantity: 4_260 },
    ],
    agentStock: [
      { productId: 'sku-1', quantity: 9 },
      { productId: 'sku-2', quantity: 4_260 },
    ],
    hqLoyalty: [
      points(b, 'points-earned', 11, 'p1'),
      { ...points(b, 'points-earned', 300, 'p0'), saleId: '' },
    ],
    cardCharges: [{ terminal: 'terminal-lane-1', requestId: 't0', amount: 1130 }],
    notChecked: [{ name: 'every cart exit code was used at most once', why: 'no carts' }],
  };
}

const failed = (evidence: DayEvidence) =>
  reconcile(evidence)
    .checks.filter((c) => c.status === 'failed')
    .map((c) => ({ name: c.name, differences: c.differences }));

describe('the day’s reconciliation', () => {
  it('passes a day where the paper, HQ, the stock and the points agree, and lists what it did not check', () => {
    const result = reconcile(cleanDay());
    expect(failed(cleanDay())).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.figures).toMatchObject({ receipts: 3, sales: 2, returns: 1, hqCompleted: 3, members: 1 });
    const notChecked = result.checks.filter((c) => c.status === 'not-checked');
    expect(notChecked.map((c) => c.name)).toEqual(['every cart exit code was used at most once']);
    expect(formatReconciliation(result)).toContain(
      'not checked: every cart exit code was used at most once: no carts',
    );
    expect(formatReconciliation(result)).not.toMatch(/ok\s+every cart/);
  });

  it('catches a sale at HQ twice', () => {
    const day = cleanDay();
    const twice = { ...day, hqSales: [...day.hqSales, day.hqSales[0] as SaleDoc] };
    expect(reconcile(twice).ok).toBe(false);
    expect(failed(twice)[0]?.differences).toContain('sale 0190f5c27e1b70008000000000000001 is at HQ 2 times');
  });

  it('catches a printed receipt whose sale never reached HQ', () => {
    const day = cleanDay();
    const missing = { ...day, hqSales: day.hqSales.slice(1) };
    const result = reconcile(missing);
    expect(result.ok).toBe(false);
    expect(failed(missing)[0]?.differences).toEqual([
      'receipt 0190f5c27e1b70008000000000000001 (printer-lane-1) has no sale at HQ',
    ]);
  });

  it('catches a completed sale at HQ that has no receipt', () => {
    const day = cleanDay();
    const extra = { ...day, hqSales: [...day.hqSales, sale(9)] };
    expect(failed(extra)[0]?.differences).toContain(
      'sale 0190f5c2-7e1b-7000-8000-000000000009 at HQ has no printed receipt',
    );
  });

  it('catches a wrong total: the sale at HQ, or HQ’s report per tender or per tax rate', () => {
    const day = cleanDay();
    const first = day.hqSales[0] as SaleDoc;
    const wrongSale = {
      ...day,
      hqSales: [{ ...first, totals: { ...first.totals, due: 1131 } } as SaleDoc, ...day.hqSales.slice(1)],
    };
    expect(failed(wrongSale).map((f) => f.name)).toEqual([
      'every printed receipt is one sale at HQ, exactly once',
    ]);
    const wrongTender = {
      ...day,
      hqReport: {
        ...day.hqReport,
        tenders: [{ kind: 'card', taken: 1129, refunded: 0 }, ...day.hqReport.tenders.slice(1)],
      },
    };
    expect(failed(wrongTender)).toEqual([
      {
        name: "HQ's totals per tender equal the receipts'",
        differences: ['card: receipts taken 1130 refunded 0, HQ taken 1129 refunded 0'],
      },
    ]);
    const wrongTax = {
      ...day,
      hqReport: {
        ...day.hqReport,
        taxes: [{ label: VAT13, salesTax: 201, returnsTax: 100 }, ...day.hqReport.taxes.slice(1)],
      },
    };
    expect(failed(wrongTax).map((f) => f.name)).toEqual(["HQ's totals per tax rate equal the receipts'"]);
  });

  it('catches stock that disagrees at the agent or at HQ', () => {
    const day = cleanDay();
    const agentOff = {
      ...day,
      agentStock: [
        { productId: 'sku-1', quantity: 9 },
        { productId: 'sku-2', quantity: 4_261 },
      ],
    };
    expect(failed(agentOff)).toEqual([
      {
        name: 'stock on hand at the agent = opening − sales + returns (+ counts)',
        differences: ['sku-2: expected 4260, the agent has 4261'],
      },
    ]);
    const hqMissing = { ...day, hqStock: [{ productId: 'sku-1', quantity: 9 }] };
    expect(failed(hqMissing)[0]?.differences).toEqual(['sku-2: expected 4260, HQ has 0']);
  });

  it('catches points that differ from the receipts, and points for a sale without a receipt', () => {
    const day = cleanDay();
    const b = day.hqSales[1] as SaleDoc;
    const doubled = { ...day, hqLoyalty: [...day.hqLoyalty, points(b, 'points-earned', 11, 'p2')] };
    expect(failed(doubled)[0]?.differences).toEqual([
      'member mem-7: receipts earned 11 spent 0, HQ earned 22 spent 0',
    ]);
    const stray = {
      ...day,
      hqLoyalty: [...day.hqLoyalty, { ...points(b, 'points-spent', -50, 'p3'), saleId: 'nope' }],
    };
    expect(failed(stray)[0]?.differences).toEqual(['points-spent p3 for sale nope, which has no receipt']);
  });

  it('catches a card charged at the terminal for no sale, and a card tender the terminal never charged', () => {
    const day = cleanDay();
    const charges = day.cardCharges ?? [];
    const lost = {
      ...day,
      cardCharges: [...charges, { terminal: 'terminal-lane-2', requestId: 'tx', amount: 500 }],
    };
    expect(failed(lost)).toEqual([
      {
        name: 'every card charge at the terminals is a card tender on a receipt',
        differences: ['terminal-lane-2 charged 500 (request tx) for no sale with a receipt'],
      },
    ]);
    expect(failed({ ...day, cardCharges: [] })[0]?.differences).toEqual([
      'sale 0190f5c2-7e1b-7000-8000-000000000001: card tender t0 was never charged at a terminal',
    ]);
  });

  it('catches a card tender the terminal charged twice', () => {
    const day = cleanDay();
    const charges = day.cardCharges ?? [];
    const twice = { ...day, cardCharges: [...charges, ...charges] };
    expect(failed(twice)[0]?.differences).toEqual(['terminal-lane-1 charged tender t0 again (1130)']);
  });

  it('takes a reprinted copy as the same sale, and a copy that differs as a difference', () => {
    const day = cleanDay();
    const copy = day.receipts[0] as ReceiptFacts;
    expect(
      reconcile({ ...day, receipts: [...day.receipts, { ...copy, printer: 'printer-lane-2' }] }),
    ).toMatchObject({
      ok: true,
      figures: { reprints: 1, receipts: 3 },
    });
    const differs = { ...day, receipts: [...day.receipts, { ...copy, due: 999 }] };
    expect(failed(differs)[0]?.differences).toContain(
      'receipt 0190f5c27e1b70008000000000000001 printed twice with different contents',
    );
  });
});

describe('shelf labels and cart exit codes', () => {
  const labelDay = (): DayEvidence => ({
    ...cleanDay(),
    shelfLabels: {
      bound: [
        { labelMac: '0000AABBCC000001', productId: 'sku-1' },
        { labelMac: '0000AABBCC000002', productId: 'sku-2' },
      ],
      agentLabels: [
        {
          labelMac: '0000AABBCC000001',
          productId: 'sku-1',
          wantedVersion: 'v2',
          wantedPrice: '12.90',
          shownVersion: 'v2',
          shownPrice: '12.90',
        },
        {
          labelMac: '0000AABBCC000002',
          productId: 'sku-2',
          wantedVersion: 'w1',
          wantedPrice: '3.50',
          shownVersion: 'w1',
          shownPrice: '3.50',
        },
      ],
      agentMismatches: [],
      registerPrices: { 'sku-1': '12.90', 'sku-2': '3.50' },
      apShowing: ['AABBCC000001', 'AABBCC000002'],
    },
    cartExits: {
      checkouts: [
        { cartId: 'cart-1', sessionId: 's1', exitCode: 'EX1' },
        { cartId: 'cart-2', sessionId: 's2', exitCode: 'EX2' },
      ],
      gate: [
        { code: 'EX1', opened: true },
        { code: 'EX1', opened: false, reason: 'already-used' },
        { code: 'EX2', opened: true },
      ],
    },
  });
  const named = (evidence: DayEvidence, name: string) =>
    failed(evidence).find((c) => c.name === name)?.differences ?? [];

  it('passes when every bound label shows the register price and every exit code opened the gate once', () => {
    const result = reconcile(labelDay());
    expect(failed(labelDay())).toEqual([]);
    const byName = new Map(result.checks.map((c) => [c.name, c]));
    expect(byName.get('every shelf label shows the register price')).toMatchObject({
      status: 'passed',
      summary: '2 labels checked',
    });
    expect(byName.get('every cart exit code was used at most once')?.status).toBe('passed');
  });

  it('catches a label showing the old price, one never acknowledged, one on the mismatch list and one the AP does not show', () => {
    const day = labelDay();
    const facts = day.shelfLabels as NonNullable<DayEvidence['shelfLabels']>;
    const evidence: DayEvidence = {
      ...day,
      shelfLabels: {
        ...facts,
        // HQ's price changed to 11.90 and the agent still wants (and the tag shows) 12.90.
        registerPrices: { 'sku-1': '11.90', 'sku-2': '3.50' },
        agentLabels: [
          facts.agentLabels[0] as ShelfLabelFacts['agentLabels'][number],
          {
            ...(facts.agentLabels[1] as ShelfLabelFacts['agentLabels'][number]),
            shownVersion: undefined,
            shownPrice: undefined,
          },
        ],
        agentMismatches: [{ labelMac: '0000AABBCC000002' }],
        apShowing: ['AABBCC000001'],
      },
    };
    const diffs = named(evidence, 'every shelf label shows the register price');
    expect(diffs).toEqual([
      "label 0000AABBCC000002 is on the agent's mismatch list",
      'label 0000AABBCC000001 (sku-1): shows 12.90, the agent wants 12.90, the register charges 11.90',
      'label 0000AABBCC000002: shows version none, the agent wants w1',
      'label 0000AABBCC000002 (sku-2): shows nothing, the agent wants 3.50, the register charges 3.50',
      'label 0000AABBCC000002: the access point shows no image on it',
    ]);
    expect(reconcile(evidence).ok).toBe(false);
    const unknown: DayEvidence = { ...day, shelfLabels: { ...facts, agentLabels: [] } };
    expect(named(unknown, 'every shelf label shows the register price')).toHaveLength(2);
  });

  it('catches an exit code that opened the gate twice, one no cart paid for, and a paid cart that never left', () => {
    const day = labelDay();
    const evidence: DayEvidence = {
      ...day,
      cartExits: {
        checkouts: (day.cartExits as CartExitFacts).checkouts,
        gate: [
          { code: 'EX1', opened: true },
          { code: 'EX1', opened: true },
          { code: 'FORGED', opened: true },
        ],
      },
    };
    expect(named(evidence, 'every cart exit code was used at most once')).toEqual([
      'exit code EX1 opened the gate 2 times',
      'exit code FORGED opened the gate but no cart was paid with it',
      'cart-2 session s2: its exit code EX2 never opened the gate',
    ]);
    expect(reconcile(evidence).ok).toBe(false);
  });
});

describe('reading a printed receipt', () => {
  const paper = [
    '            星辰超市 模拟店 Starlight Market',
    '                      SALE',
    '12/2/26, 7:45:01 PM',
    'Lane: dev-1  Cashier: 王芳',
    '------------------------------------------------',
    '有机香蕉 Organic bananas                    12.30',
    '  0.740 kg x 16.62/kg',
    '------------------------------------------------',
    'TOTAL CNY                                  112.30',
    'CARD 839201                                 60.00',
    'CASH                                        60.00',
    'CHANGE                                       7.70',
    '------------------------------------------------',
    'TAX 增值税 13% VAT                            9.12',
    'TAX 店内现制 6% VAT (in-store de              1.02',
    'MEMBER mem-0007',
    'POINTS EARNED 112',
    'POINTS SPENT 500',
    '[CODE128: 0190f5c27e1b70008000000000000001]',
    '                   THANK YOU',
  ].join('\n');

  it('reads the code, the total, the tenders, the change, the taxes and the points', () => {
    expect(readReceipt('printer-lane-1', paper)).toEqual({
      ok: true,
      value: {
        code: '0190f5c27e1b70008000000000000001',
        printer: 'printer-lane-1',
        kind: 'sale',
        currency: 'CNY',
        due: 11230,
        tenders: [
          { kind: 'card', amount: 6000 },
          { kind: 'cash', amount: 6000 },
        ],
        change: 770,
        taxes: [
          { label: '增值税 13% VAT', tax: 912 },
          { label: '店内现制 6% VAT (in-store de', tax: 102 },
        ],
        memberId: 'mem-0007',
        pointsEarned: 112,
        pointsSpent: 500,
      },
    });
  });

  it('says why a receipt cannot be read instead of guessing', () => {
    expect(readReceipt('p', paper.replace(/\[CODE128.*\]/, ''))).toMatchObject({
      ok: false,
      reason: 'unreadable-receipt',
      detail: 'no receipt barcode',
    });
    expect(readReceipt('p', paper.replace('TOTAL CNY', 'TOTAL'))).toMatchObject({ ok: false });
    expect(readReceipt('p', paper.replace('                      SALE', ''))).toMatchObject({
      ok: false,
      detail: 'no SALE or RETURN header',
    });
  });
});
