import {
  type BasketLine,
  indexPromotions,
  type PromotionDoc,
  priceBasket,
  withGs1CheckDigit,
} from '@storefloor/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { admin, buildHqApp, engines } from './hq-harness.js';

const { engines: available } = await engines();

async function count(db: Database, collection: string): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM documents WHERE collection = $1',
    [collection],
  );
  return Number(rows[0]?.n ?? 0);
}

function productsCsv(rows: number, badEvery = 0): string {
  const lines = ['id,name,gtins,taxClass,unit,ageRestriction,active'];
  for (let i = 1; i <= rows; i++) {
    const age = badEvery > 0 && i % badEvery === 0 ? 'eighteen' : '0';
    lines.push(
      `P${i},"Product ${i}, 500 g",${withGs1CheckDigit(String(400_000_000_000 + i))},standard,each,${age},true`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Every rule kind, as CSV columns (lists ";"-separated) and as the same fields of a JSON row. */
const PROMOTION_ROWS: { key: string; kind: string; fields: Record<string, string | string[]> }[] = [
  { key: 'PCT', kind: 'percent-off', fields: { productIds: ['MILK'], percent: '10' } },
  { key: 'AMT', kind: 'amount-off', fields: { productIds: ['GUM'], amount: '0.20' } },
  { key: 'MB', kind: 'multi-buy', fields: { productIds: ['SODA'], quantity: '3', price: '2.00' } },
  { key: 'MM', kind: 'mix-match', fields: { productGroupId: 'CHOC', quantity: '2', price: '3.00' } },
  {
    key: 'BG',
    kind: 'buy-get',
    fields: { productIds: ['YOG'], buyQuantity: '2', getQuantity: '1', getPercent: '100' },
  },
  { key: 'BT', kind: 'basket-threshold', fields: { threshold: '10.00', amount: '1.50' } },
];
const PROMOTION_COLUMNS = [
  'id',
  'name',
  'currency',
  'validFrom',
  'kind',
  'productIds',
  'productGroupId',
  'percent',
  'amount',
  'quantity',
  'price',
  'buyQuantity',
  'getQuantity',
  'getPercent',
  'threshold',
];
const PROMOTIONS_FROM = '2025-03-01T00:00:00Z';

function promotionsCsv(prefix: string): string {
  const cell = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value.join(';') : (value ?? '');
  const rows = PROMOTION_ROWS.map(({ key, kind, fields }) => {
    const row: Record<string, string | string[]> = {
      id: `${prefix}${key}`,
      name: `Promo ${key}`,
      currency: 'EUR',
      validFrom: PROMOTIONS_FROM,
      kind,
      ...fields,
    };
    return PROMOTION_COLUMNS.map((column) => cell(row[column])).join(',');
  });
  // Line 5: a price with a fraction of a cent.
  rows.splice(3, 0, `${prefix}BAD,Bad,EUR,${PROMOTIONS_FROM},multi-buy,SODA,,,,3,1.005,,,,`);
  return [PROMOTION_COLUMNS.join(','), ...rows].join('\n');
}

function promotionsJson(prefix: string): string {
  const rows = PROMOTION_ROWS.map(({ key, kind, fields }) =>
    JSON.stringify({
      id: `${prefix}${key}`,
      name: `Promo ${key}`,
      currency: 'EUR',
      validFrom: PROMOTIONS_FROM,
      kind,
      ...fields,
    }),
  );
  // Line 3: a basket promotion that gives both an amount and a percentage.
  rows.splice(
    1,
    0,
    JSON.stringify({
      id: `${prefix}BAD`,
      name: 'Bad',
      currency: 'EUR',
      validFrom: PROMOTIONS_FROM,
      kind: 'basket-threshold',
      threshold: '10.00',
      amount: '1.00',
      percent: '5',
    }),
  );
  return `[\n${rows.join(',\n')}\n]`;
}

describe.each(available)('imports on $name', (engine) => {
  let app: FastifyInstance;
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    app = await buildHqApp(db);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await dispose();
  }, 60_000);

  const importCall = (kind: string, body: string, contentType: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/admin/import/${kind}${query}`,
      headers: { ...admin, 'content-type': contentType },
      payload: body,
    });

  it('imports 100,000 product rows from one CSV in one call', async () => {
    const started = performance.now();
    const response = await importCall('products', productsCsv(100_000), 'text/csv');
    const seconds = (performance.now() - started) / 1000;
    console.log(`[hq import] 100,000 products on ${engine.name}: ${seconds.toFixed(1)} s`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 100_000, rejectedCount: 0, unchanged: 0 });
    expect(await count(db, 'products')).toBe(100_000);
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM documents WHERE collection = 'products' AND id = 'P77'",
    );
    expect(rows[0]?.data).toMatchObject({
      name: 'Product 77, 500 g',
      gtins: [withGs1CheckDigit('400000000077')],
      storeId: '*',
    });
  }, 120_000);

  it('re-importing unchanged rows rewrites nothing', async () => {
    const response = await importCall('products', productsCsv(1_000), 'text/csv');
    expect(response.json()).toMatchObject({ accepted: 0, unchanged: 1_000, rejectedCount: 0 });
  });

  it('reports rejected rows with their line and applies the rest', async () => {
    const csv = [
      'id,name,taxClass,ageRestriction,gtins',
      'R1,Good one,standard,0,',
      'R2,Bad age,standard,eighteen,',
      'R3,,standard,0,',
      'R4,"Multi',
      'line name",standard,0,',
      'R5,Too few fields',
      'R1,Duplicate id,standard,0,',
      // The right length is not enough: 4006381333932 has a wrong GS1 check digit (…931 is right).
      'R6,Bad gtin,standard,0,4006381333932',
    ].join('\n');
    const response = await importCall('products', csv, 'text/csv');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.accepted).toBe(2);
    expect(report.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^not-an-integer/), field: 'ageRestriction' },
      { line: 4, reason: expect.stringMatching(/^missing/), field: 'name' },
      { line: 7, reason: expect.stringMatching(/^column-count/) },
      { line: 8, reason: expect.stringMatching(/^duplicate-id/), field: 'id' },
      {
        line: 9,
        reason: expect.stringMatching(/^invalid-document: gtins\[0\]: .*check digit/),
        field: 'gtins[0]',
      },
    ]);
    const { rows } = await db.query<{ name: string }>(
      "SELECT data->>'name' AS name FROM documents WHERE collection = 'products' AND id IN ('R1', 'R4') ORDER BY id",
    );
    expect(rows.map((row) => row.name)).toEqual(['Good one', 'Multi\nline name']);
  });

  it('all-or-nothing: one bad row and nothing is written', async () => {
    const before = await count(db, 'products');
    const csv = 'id,name,taxClass,ageRestriction\nA1,Fine,standard,0\nA2,Broken,standard,-3\n';
    const response = await importCall('products', csv, 'text/csv', '?mode=all-or-nothing');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('import-rejected');
    expect(response.json().report.rejected).toEqual([
      // The range is core's schema's (0-99), checked once, not repeated in the import.
      {
        line: 3,
        reason: expect.stringMatching(/^invalid-document: ageRestriction/),
        field: 'ageRestriction',
      },
    ]);
    expect(await count(db, 'products')).toBe(before);
  });

  it('malformed CSV, JSON and NDJSON fail with a stable code and write nothing', async () => {
    const before = await count(db, 'products');
    const csv = await importCall(
      'products',
      'id,name,taxClass\nM1,ok,standard\nM2,"broken,standard\n',
      'text/csv',
    );
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.code).toBe('import-malformed');
    const json = await importCall(
      'products',
      '[{"id":"M3","name":"x","taxClass":"standard"},{"id":',
      'application/json',
    );
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('import-malformed');
    const ndjson = await importCall(
      'products',
      '{"id":"M4","name":"x","taxClass":"standard"}\n{not json}\n',
      'application/x-ndjson',
    );
    expect(ndjson.json().error.code).toBe('import-malformed');
    expect(ndjson.json().error.detail).toMatch(/^line 2/);
    expect(await count(db, 'products')).toBe(before);
  });

  it('imports JSON arrays and NDJSON with the same row shape', async () => {
    const json = await importCall(
      'products',
      '[\n {"id":"J1","name":"Json one","taxClass":"standard","gtins":["4006381333931"]},\n {"id":"J2","name":"Json two","taxClass":"reduced","ageRestriction":18}\n]',
      'application/json',
    );
    expect(json.json()).toMatchObject({ accepted: 2, rejectedCount: 0 });
    const ndjson = await importCall(
      'products',
      '{"id":"N1","name":"Nd one","taxClass":"standard"}\n\n{"id":"N2","name":"Nd two","taxClass":"standard","colour":"red"}\n',
      'application/x-ndjson',
    );
    expect(ndjson.json()).toMatchObject({
      accepted: 1,
      rejected: [{ line: 3, reason: 'unknown-field: colour', field: 'colour' }],
    });
  });

  it('refuses an unknown kind, an unknown column, a wrong media type and an oversized body', async () => {
    const kind = await importCall('widgets', 'id\n1\n', 'text/csv');
    expect([kind.statusCode, kind.json().error.code]).toEqual([404, 'unknown-import-kind']);
    const header = await importCall('products', 'id,name,taxClass,prcie\nH1,x,standard,1\n', 'text/csv');
    expect([header.statusCode, header.json().error.code]).toEqual([400, 'import-bad-header']);
    const media = await importCall('products', 'id', 'application/xml');
    expect([media.statusCode, media.json().error.code]).toEqual([415, 'import-unsupported-media-type']);
    const noAdmin = await app.inject({
      method: 'POST',
      url: '/api/admin/import/products',
      headers: { 'content-type': 'text/csv' },
      payload: 'id\n',
    });
    expect(noAdmin.statusCode).toBe(401);
  });

  it('prices: decimal strings become minor units, a fraction of a cent is rejected, versions are added never edited', async () => {
    const csv = [
      'productId,amount,memberAmount,validFrom,currency',
      'P1,12.99,11.50,2025-03-01T00:00:00Z,EUR',
      'P2,1.005,,2025-03-01T00:00:00Z,EUR',
      'P3,7,,2025-03-01,EUR',
      'NOPE,1.00,,2025-03-01T00:00:00Z,EUR',
      'P4,250,,2025-03-01T00:00:00+09:00,JPY',
    ].join('\n');
    const first = await importCall('prices', csv, 'text/csv');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().accepted).toBe(2);
    expect(first.json().rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^fraction-of-minor-unit/), field: 'amount' },
      { line: 4, reason: expect.stringMatching(/^not-an-instant/), field: 'validFrom' },
      { line: 5, reason: expect.stringMatching(/^unknown-product/), field: 'productId' },
    ]);
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM documents WHERE collection = 'prices' ORDER BY data->>'productId'",
    );
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({
        productId: 'P1',
        amount: 1299,
        memberAmount: 1150,
        currency: 'EUR',
        validFrom: Date.parse('2025-03-01T00:00:00Z'),
      }),
      expect.objectContaining({ productId: 'P4', amount: 250, currency: 'JPY' }),
    ]);
    const again = await importCall(
      'prices',
      'productId,amount,validFrom\nP1,13.49,2025-04-01T00:00:00Z\n',
      'text/csv',
      '?currency=EUR',
    );
    expect(again.json().accepted).toBe(1);
    const versions = await db.query<{ amount: number }>(
      "SELECT (data->>'amount')::int AS amount FROM documents WHERE collection = 'prices' AND data->>'productId' = 'P1' ORDER BY 1",
    );
    expect(versions.rows.map((row) => Number(row.amount))).toEqual([1299, 1349]);
    const id = rows[0]?.data.id as string;
    const overwrite = await importCall(
      'prices',
      `id,productId,amount,validFrom\n${id},P1,0.01,2025-05-01T00:00:00Z\n`,
      'text/csv',
      '?currency=EUR',
    );
    expect(overwrite.json().rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/^version-exists/), field: 'id' },
    ]);
  });

  it('employees: PINs are stored only as scrypt hashes', async () => {
    const csv = 'id,storeId,name,roles,pin\nE1,S1,Ada,cashier;supervisor,4711\nE2,S1,Bob,janitor,1234\n';
    const response = await importCall('employees', csv, 'text/csv');
    expect(response.json()).toMatchObject({ accepted: 1, rejected: [{ line: 3, field: 'roles[0]' }] });
    const { rows } = await db.query<{ data: { pinHash: string; roles: string[] } }>(
      "SELECT data FROM documents WHERE collection = 'employees' AND id = 'E1'",
    );
    const doc = rows[0]?.data;
    expect(doc?.roles).toEqual(['cashier', 'supervisor']);
    expect(doc?.pinHash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(JSON.stringify(doc)).not.toContain('4711');
    const { verifyPin } = await import('../src/employees/pin-hash.js');
    expect(await verifyPin('4711', doc?.pinHash ?? '')).toBe(true);
    expect(await verifyPin('4712', doc?.pinHash ?? '')).toBe(false);
  });

  it('promotions: every rule kind from CSV and JSON is stored as the pricing engine reads it', async () => {
    const csv = await importCall('promotions', promotionsCsv('C-'), 'text/csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({
      accepted: 6,
      rejected: [{ line: 5, reason: expect.stringMatching(/^fraction-of-minor-unit/), field: 'price' }],
    });
    const json = await importCall('promotions', promotionsJson('J-'), 'application/json');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({
      accepted: 6,
      rejected: [
        { line: 3, reason: expect.stringMatching(/exactly one of amount or percent/), field: 'amount' },
      ],
    });

    const stored = async (prefix: string) =>
      (
        await db.query<{ data: PromotionDoc }>(
          "SELECT data FROM documents WHERE collection = 'promotions' AND id LIKE $1 ORDER BY id",
          [`${prefix}%`],
        )
      ).rows.map((row) => row.data);
    const fromCsv = await stored('C-');
    const fromJson = await stored('J-');
    const target = (productIds: string[] = []) => ({ productIds, categoryIds: [], productGroupIds: [] });
    const rules = Object.fromEntries(fromCsv.map((doc) => [doc.id, doc.rule]));
    expect(rules).toEqual({
      'C-AMT': { kind: 'amount-off', target: target(['GUM']), amount: 20 },
      'C-BG': {
        kind: 'buy-get',
        target: target(['YOG']),
        buyQuantity: 2,
        getQuantity: 1,
        getPercentBps: 10_000,
      },
      'C-BT': { kind: 'basket-threshold', target: target(), threshold: 1000, amount: 150 },
      'C-MB': { kind: 'multi-buy', target: target(['SODA']), quantity: 3, price: 200 },
      'C-MM': { kind: 'mix-match', productGroupId: 'CHOC', quantity: 2, price: 300 },
      'C-PCT': { kind: 'percent-off', target: target(['MILK']), percentBps: 1000 },
    });
    expect(fromJson.map((doc) => doc.rule)).toEqual(fromCsv.map((doc) => doc.rule));
    expect(fromCsv[0]).toMatchObject({
      storeId: '*',
      currency: 'EUR',
      validFrom: Date.parse(PROMOTIONS_FROM),
      priority: 0,
      exclusive: false,
      memberOnly: false,
    });

    const line = (id: string, productId: string, unitPrice: number, quantity: number, productGroupId = '') =>
      ({
        id,
        productId,
        categoryId: '',
        productGroupId,
        unit: 'each',
        quantity,
        unitPrice,
      }) satisfies BasketLine;
    const basket = [
      line('l1', 'MILK', 109, 2),
      line('l2', 'GUM', 80, 3),
      line('l3', 'SODA', 99, 3),
      line('l4', 'CHOC-A', 199, 1, 'CHOC'),
      line('l5', 'CHOC-B', 179, 1, 'CHOC'),
      line('l6', 'YOG', 60, 3),
      line('l7', 'WINE', 1200, 1),
    ];
    const context = {
      currency: 'EUR',
      instant: Date.parse('2025-03-05T12:00:00Z'),
      weekday: 3,
      minuteOfDay: 13 * 60,
      member: false,
    };
    for (const promotions of [fromCsv, fromJson]) {
      const priced = priceBasket(basket, indexPromotions(promotions), context);
      const byKey = Object.fromEntries(priced.promotions.map((p) => [p.promotionId.slice(2), p.amount]));
      // 10 % of 2 × 1.09; 0.20 off each of 3 gums; 3 sodas for 2.00; 2 bars for 3.00; the third yoghurt free;
      // then 1.50 off the basket, which is still over 10.00.
      expect(byKey).toEqual({ PCT: 22, AMT: 60, MB: 97, MM: 78, BG: 60, BT: 150 });
      expect(priced).toMatchObject({ gross: 2513, discount: 467, amount: 2513 - 467 });
    }
    // Before the promotions start, nothing comes off.
    const early = priceBasket(basket, indexPromotions(fromCsv), {
      ...context,
      instant: Date.parse('2025-02-28T12:00:00Z'),
    });
    expect(early.discount).toBe(0);
  });
});
