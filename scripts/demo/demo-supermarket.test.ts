import {
  type CollectionName,
  hasValidGs1CheckDigit,
  parseBarcode,
  storeSettingsInForce,
  validateDocument,
  withGs1CheckDigit,
} from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { demoOpeningPoints, demoOpeningStock } from './demo-ledgers.js';
import { DEFAULT_DEMO_SEED, demoSupermarket } from './demo-supermarket.js';

const demo = demoSupermarket();
// What HQ's employees import stores: a PHC scrypt string, never the PIN (the import hashes it).
const PIN_HASH = '$scrypt$ln=15,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo';

function expectValid(collection: CollectionName, docs: readonly unknown[]): void {
  for (const doc of docs) {
    const valid = validateDocument(collection, doc);
    if (!valid.ok) {
      throw new Error(
        `seed ${DEFAULT_DEMO_SEED}: ${collection} ${JSON.stringify(doc)}: ${valid.detail ?? valid.reason}`,
      );
    }
  }
}

describe('the demo supermarket (seed 20260101)', () => {
  it('every generated document passes core’s schema validation', () => {
    expectValid(
      'products',
      demo.catalog.map((item) => item.product),
    );
    expectValid(
      'prices',
      demo.catalog.map((item) => item.price),
    );
    expectValid('promotions', demo.promotions);
    expectValid('tax_rates', demo.taxRates);
    expectValid(
      'members',
      demo.members.map((item) => item.member),
    );
    expectValid(
      'employees',
      demo.staff.map(({ pin: _pin, ...employee }) => ({
        ...employee,
        pinHash: PIN_HASH,
        updatedAt: demo.validFrom,
      })),
    );
    const author = {
      storeId: demo.storeId,
      deviceId: 'dev-seed',
      employeeId: 'emp-store-001-manager-01',
      at: demo.validFrom,
      seed: demo.seed,
    };
    expectValid('stock_movements', demoOpeningStock(demo.catalog, author));
    expectValid('loyalty_entries', demoOpeningPoints(demo.members, author));
    expectValid('stores', [
      {
        ...demo.settings,
        id: 'v1',
        storeId: demo.storeId,
        name: demo.storeName,
        active: true,
        validFrom: demo.validFrom,
        createdAt: demo.validFrom,
      },
    ]);
  });

  it('is the same supermarket for the same seed, and another for another seed', () => {
    const again = demoSupermarket();
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    const other = demoSupermarket({ seed: 7 });
    expect(other.catalog.map((item) => item.price.amount)).not.toEqual(
      demo.catalog.map((item) => item.price.amount),
    );
  });

  it('has about 20,000 products with unique ids, GTINs and names, in departments with Chinese and English names', () => {
    expect(demo.catalog).toHaveLength(20_000);
    const ids = new Set(demo.catalog.map((item) => item.product.id));
    expect(ids.size).toBe(20_000);
    const gtins = demo.catalog.flatMap((item) => item.product.gtins);
    expect(new Set(gtins).size).toBe(gtins.length);
    for (const gtin of gtins) expect(hasValidGs1CheckDigit(gtin), gtin).toBe(true);
    expect(new Set(demo.catalog.map((item) => item.product.name)).size).toBe(20_000);
    const categories = new Set(demo.catalog.map((item) => item.product.categoryId));
    expect(categories).toEqual(new Set(demo.departments.map((department) => department.id)));
    for (const item of demo.catalog.slice(0, 200))
      expect(item.product.name).toMatch(/[\u4e00-\u9fff].* [A-Za-z]/);
  });

  it('sells loose produce by weight under IFPS PLUs, with tare weights', () => {
    const bananas = demo.catalog.find((item) => item.product.plu === '4011');
    expect(bananas?.product).toMatchObject({ unit: 'weight', gtins: [], name: '香蕉 Bananas' });
    expect(bananas?.tareGrams).toBe(5);
    expect(demo.catalog.filter((item) => item.product.plu !== '').length).toBeGreaterThanOrEqual(25);
  });

  it('counter goods carry the store’s price/weight label layout: core’s parser finds the product', () => {
    const weighed = demo.catalog.find((item) => item.labelEmbeds === 'weight');
    const priced = demo.catalog.find((item) => item.labelEmbeds === 'price');
    // A 0.734 kg weight label and a 45.60 yuan price label for those items, as the counter scale prints them.
    const weightLabel = withGs1CheckDigit(`${weighed?.product.gtins[0]?.slice(0, 7)}00734`);
    const priceLabel = withGs1CheckDigit(`${priced?.product.gtins[0]?.slice(0, 7)}04560`);
    const w = parseBarcode(weightLabel);
    const p = parseBarcode(priceLabel);
    expect(w).toMatchObject({ ok: true, kind: 'variable-measure', measure: 'weight', grams: 734 });
    expect(p).toMatchObject({ ok: true, kind: 'variable-measure', measure: 'price', price: 4560 });
    expect(w).toMatchObject({ itemReference: weighed?.product.gtins[0] });
    expect(p).toMatchObject({ itemReference: priced?.product.gtins[0] });
  });

  it('restricts alcohol and tobacco to buyers of 18 and over', () => {
    const restricted = demo.catalog.filter((item) => item.product.ageRestriction > 0);
    expect(restricted.length).toBeGreaterThan(1000);
    expect(new Set(restricted.map((item) => item.product.categoryId))).toEqual(
      new Set(['alcohol', 'tobacco']),
    );
    expect(new Set(restricted.map((item) => item.product.ageRestriction))).toEqual(new Set([18]));
  });

  it('has 50 promotions of every kind the engine knows', () => {
    expect(demo.promotions).toHaveLength(50);
    expect(new Set(demo.promotions.map((promotion) => promotion.rule.kind))).toEqual(
      new Set(['percent-off', 'amount-off', 'multi-buy', 'mix-match', 'buy-get', 'basket-threshold']),
    );
    expect(demo.promotions.some((promotion) => promotion.memberOnly)).toBe(true);
    expect(demo.promotions.some((promotion) => promotion.exclusive)).toBe(true);
  });

  it('has China’s VAT classes chain-wide and per store, effective-dated across the 2019 cut', () => {
    const at = (iso: string, taxClass: string, storeId: string) =>
      demo.taxRates
        .filter((rate) => rate.taxClass === taxClass && (rate.storeId === '*' || rate.storeId === storeId))
        .filter(
          (rate) =>
            rate.validFrom <= Date.parse(iso) &&
            (rate.validTo === undefined || Date.parse(iso) < rate.validTo),
        )
        .map((rate) => rate.rateBps);
    expect(at('2019-03-31T23:59:00+08:00', 'standard', 'store-001')).toEqual([1600]);
    expect(at('2019-04-01T00:00:00+08:00', 'standard', 'store-001')).toEqual([1300]);
    expect(at('2026-06-01T12:00:00+08:00', 'reduced', 'store-001')).toEqual([900]);
    expect(demo.taxRates.some((rate) => rate.storeId === 'store-001')).toBe(true);
    const classes = new Set(demo.catalog.map((item) => item.product.taxClass));
    for (const taxClass of classes)
      expect(at('2026-06-01T12:00:00+08:00', taxClass, 'store-001').length).toBeGreaterThan(0);
  });

  it('store settings: CNY, tax-inclusive, a 04:00 cut-over in Asia/Shanghai, zh-CN and en receipts', () => {
    const version = {
      ...demo.settings,
      id: 'v1',
      storeId: demo.storeId,
      name: demo.storeName,
      active: true,
      validFrom: 0,
      createdAt: 0,
    };
    const inForce = storeSettingsInForce(demo.storeId, 1, [version as never]);
    expect(inForce.ok).toBe(true);
    expect(demo.settings).toMatchObject({
      currency: 'CNY',
      taxMode: 'inclusive',
      businessDayStartHour: 4,
      timeZone: 'Asia/Shanghai',
      languages: ['zh-CN', 'en'],
    });
    expect(String(demo.settings.receiptHeader)).toMatch(/欢迎光临 Welcome/);
    expect(String(demo.settings.receiptFooter)).toMatch(/谢谢惠顾[\s\S]*Thank you/);
  });

  it('1,000 members with unique cards and phones and points; staff with a cashier and a manager', () => {
    expect(demo.members).toHaveLength(1000);
    expect(new Set(demo.members.map((m) => m.member.cardNumber)).size).toBe(1000);
    expect(new Set(demo.members.map((m) => m.member.phone)).size).toBe(1000);
    for (const m of demo.members) expect(m.member.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(demo.members.filter((m) => m.points > 0).length).toBeGreaterThan(900);
    expect(demo.staff.find((e) => e.id === 'emp-store-001-cashier-01')?.roles).toEqual(['cashier']);
    expect(demo.staff.find((e) => e.id === 'emp-store-001-manager-01')?.roles).toContain('manager');
  });

  it('10,000 shelf labels, each a different product of the catalogue under a unique access-point MAC', () => {
    expect(demo.shelfLabels).toHaveLength(10_000);
    const macs = new Set(demo.shelfLabels.map((label) => label.mac));
    expect(macs.size).toBe(10_000);
    // As the OpenEPaperLink AP prints a MAC in /get_db: 16 upper-case hex, a 12-hex tag MAC after 0000.
    for (const mac of macs) expect(mac).toMatch(/^0000[0-9A-F]{12}$/);
    const products = new Set(demo.catalog.map((item) => item.product.id));
    expect(new Set(demo.shelfLabels.map((label) => label.productId)).size).toBe(10_000);
    for (const label of demo.shelfLabels) expect(products.has(label.productId)).toBe(true);
    expect(demo.shelfLabels.some((label) => label.productId.startsWith('sku-0000'))).toBe(true);
    // Deterministic, and another store's tags are other tags.
    expect(demoSupermarket({ productCount: 300, shelfLabelCount: 50 }).shelfLabels).toEqual(
      demoSupermarket({ productCount: 300, shelfLabelCount: 50 }).shelfLabels,
    );
    const other = demoSupermarket({ productCount: 300, shelfLabelCount: 50, storeId: 'store-002' });
    expect(other.shelfLabels.some((label) => macs.has(label.mac))).toBe(false);
  });
});
