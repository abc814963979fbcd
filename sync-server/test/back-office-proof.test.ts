import type { AddressInfo } from 'node:net';
import {
  addProductLine,
  addTender,
  buildCatalogIndex,
  businessDayOf,
  completeSale,
  createIdGenerator,
  type EmployeeDoc,
  expectOk,
  identifyMember,
  indexPromotions,
  localClock,
  type MemberDoc,
  masterCollectionNames,
  openSale,
  openShift,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  parseBarcode,
  priceInForce,
  productByGtin,
  productByPlu,
  type SaleDoc,
  type StoreDoc,
  storeSettingsInForce,
  type TaxRateDoc,
  taxRateInForce,
} from '@storefloor/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { ADMIN_TOKEN, type Harness, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

/**
 * Issue 9's proof: a fresh HQ, driven only by the HTTP calls a chain's back office makes (create the store
 * with its settings, import products, prices, promotions, tax rates, employees and members), then a lane that
 * enrolls, pulls every master collection over HTTP, and prices, taxes and completes a sale with core from
 * what it pulled alone. HQ accepts that sale and refuses a tampered copy of it.
 */
describe.each(testDatabases)('a back office sets up a store and a lane sells from it on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const importFile = async (kind: string, body: string, contentType: string, query = '') => {
    const response = await call('POST', `/api/admin/import/${kind}${query}`, body, contentType);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body, kind).toMatchObject({ rejectedCount: 0 });
    return response.body;
  };

  it('a lane prices, taxes and completes a sale from pulled master data; HQ accepts it and refuses a tampered copy', async () => {
    const storeId = `amsterdam-${engine.name}`;
    // --- The back office -------------------------------------------------------------------------------
    const created = await call('POST', '/api/admin/stores', {
      storeId,
      name: 'Storefloor Amsterdam Centraal',
      settings: {
        currency: 'EUR',
        taxMode: 'inclusive',
        taxRounding: 'document',
        // Dutch shops round cash totals to 5 cents.
        cashRoundingStep: 5,
        timeZone: 'Europe/Amsterdam',
        businessDayStartHour: 4,
        receiptHeader: 'Storefloor Amsterdam Centraal\nStationsplein 1',
        receiptFooter: 'Bedankt en tot ziens',
        languages: ['nl-NL', 'en-GB'],
        address: 'Stationsplein 1, 1012 AB Amsterdam',
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await call('POST', '/api/admin/stores', { storeId: `${storeId}-other`, name: 'Other' })).status,
    ).toBe(201);

    await importFile(
      'products',
      [
        'id,name,receiptName,gtins,plu,unit,taxClass,categoryId,productGroupId',
        'milk,Volle melk 1 l,MELK 1L,3017620422003,,each,reduced,dairy,',
        'bananas,Bananen,BANANEN,,4011,weight,reduced,fruit,',
        'bread,Desem brood,BROOD,4006381333931,,each,standard,bakery,',
      ].join('\n'),
      'text/csv',
    );
    await importFile(
      'prices',
      [
        'productId,storeId,amount,validFrom',
        'milk,*,1.09,2025-01-01T00:00:00+01:00',
        'bananas,*,1.99,2025-01-01T00:00:00+01:00',
        'bread,*,1.35,2025-01-01T00:00:00+01:00',
        // This store sells bread cheaper; the other store keeps the chain price.
        `bread,${storeId},1.20,2025-01-01T00:00:00+01:00`,
      ].join('\n'),
      'text/csv',
      '?currency=EUR',
    );
    await importFile(
      'promotions',
      JSON.stringify([
        {
          id: 'milk-2-for-180',
          name: 'Melk 2 voor 1,80',
          receiptText: 'MELK 2 VOOR 1,80',
          currency: 'EUR',
          validFrom: '2025-01-01T00:00:00+01:00',
          kind: 'multi-buy',
          productIds: ['milk'],
          quantity: '2',
          price: '1.80',
        },
      ]),
      'application/json',
    );
    await importFile(
      'tax-rates',
      [
        'id,storeId,taxClass,rateBps,label,validFrom',
        'nl-high,*,standard,2100,A 21%,2019-01-01T00:00:00+01:00',
        'nl-low,*,reduced,900,B 9%,2019-01-01T00:00:00+01:00',
        // A rate change announced for later: a new version, the current one stays in force until then.
        'nl-low-2040,*,reduced,1100,B 11%,2040-01-01T00:00:00+01:00',
      ].join('\n'),
      'text/csv',
    );
    await importFile(
      'employees',
      `id,storeId,name,roles,pin\nemp-anna,${storeId},Anna de Vries,cashier,4711\n`,
      'text/csv',
    );
    await importFile(
      'members',
      `id,storeId,cardNumber,name\nmem-1,${storeId},NL-0001,Jan Jansen\n`,
      'text/csv',
    );

    // --- The lane: enroll, then pull every master collection over HTTP ----------------------------------
    const code = await call('POST', `/api/admin/stores/${storeId}/enrollment-codes`, { role: 'lane' });
    const enroll = await fetch(`${base}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.body.code, label: 'Kassa 1' }),
    });
    const lane = (await enroll.json()) as { deviceId: string; storeId: string; role: string; token: string };
    expect(lane).toMatchObject({ storeId, role: 'lane' });
    const device = { authorization: `Bearer ${lane.token}`, 'content-type': 'application/json' };
    const pullAll = async (collection: string): Promise<Record<string, unknown>[]> => {
      const documents: Record<string, unknown>[] = [];
      let checkpoint: unknown = null;
      for (;;) {
        const response = await fetch(`${base}/sync/${collection}/pull`, {
          method: 'POST',
          headers: device,
          body: JSON.stringify({ checkpoint, batchSize: 2 }),
        });
        expect(response.status).toBe(200);
        const page = (await response.json()) as { documents: Record<string, unknown>[]; checkpoint: unknown };
        if (page.documents.length === 0) return documents;
        documents.push(...page.documents);
        checkpoint = page.checkpoint;
      }
    };
    const pulled = Object.fromEntries(
      await Promise.all(masterCollectionNames.map(async (name) => [name, await pullAll(name)] as const)),
    );
    for (const name of masterCollectionNames) expect(pulled[name]?.length, name).toBeGreaterThan(0);
    const stores = pulled.stores as unknown as StoreDoc[];
    const products = pulled.products as unknown as ProductDoc[];
    const prices = pulled.prices as unknown as PriceDoc[];
    const promotions = pulled.promotions as unknown as PromotionDoc[];
    const taxRates = pulled.tax_rates as unknown as TaxRateDoc[];
    const employees = pulled.employees as unknown as EmployeeDoc[];
    const members = pulled.members as unknown as MemberDoc[];
    expect(stores.map((s) => s.storeId)).toEqual([storeId]);

    // --- The lane sells, with core, from nothing but what it pulled ---------------------------------------
    const now = Date.now();
    const settings = expectOk(storeSettingsInForce(storeId, now, stores));
    expect(settings).toMatchObject({ receiptFooter: 'Bedankt en tot ziens', languages: ['nl-NL', 'en-GB'] });
    const clock = localClock(now, settings.timeZone);
    const env = { promotions: indexPromotions(promotions), instant: now, ...clock };
    const businessDay = businessDayOf(now, settings);
    const nextId = createIdGenerator();
    const cashier = employees.find((e) => e.roles.includes('cashier'));
    expect(cashier?.id).toBe('emp-anna');
    const shift = expectOk(
      openShift({
        id: nextId(),
        storeId,
        deviceId: lane.deviceId,
        cashierId: cashier!.id,
        businessDay,
        currency: settings.currency,
        openingFloat: 10_000,
        openedAt: now,
      }),
    );
    let sale = expectOk(
      openSale({
        id: nextId(),
        storeId,
        deviceId: lane.deviceId,
        shiftId: shift.id,
        cashierId: cashier!.id,
        businessDay,
        currency: settings.currency,
        taxMode: settings.taxMode,
        taxRounding: settings.taxRounding,
        cashRoundingStep: settings.cashRoundingStep,
        openedAt: now,
      }),
    );
    const catalog = buildCatalogIndex(products, storeId);
    const line = (product: ProductDoc, input: { quantity?: number; weightGrams?: number; gtin?: string }) => {
      const price = expectOk(priceInForce(product, storeId, now, prices));
      const taxRate = expectOk(taxRateInForce(product.taxClass, storeId, now, taxRates));
      sale = expectOk(
        addProductLine(
          sale,
          {
            lineId: `l${sale.lines.length + 1}`,
            entry: input.weightGrams === undefined ? 'scanned' : 'weighed',
            product,
            price,
            taxRate,
            ...input,
          },
          env,
        ),
      );
    };
    const scanned = parseBarcode('3017620422003');
    if (!scanned.ok || scanned.kind !== 'gtin') throw new Error(`not a GTIN: ${JSON.stringify(scanned)}`);
    const milk = expectOk(productByGtin(catalog, scanned.gtin));
    line(milk, { quantity: 2, gtin: '3017620422003' });
    line(expectOk(productByPlu(catalog, '4011')), { weightGrams: 1234 });
    line(expectOk(productByGtin(catalog, '4006381333931')), { gtin: '4006381333931' });
    const member = members.find((m) => m.cardNumber === 'NL-0001');
    sale = expectOk(identifyMember(sale, member!.id, env));

    // Milk 2 × 1.09 = 2.18, 2 for 1.80; bananas 1.99/kg × 1.234 kg = 2.46; bread at this store's 1.20.
    expect(sale.lines.map((l) => l.amount)).toEqual([180, 246, 120]);
    expect(sale.promotions).toEqual([
      { promotionId: 'milk-2-for-180', label: 'MELK 2 VOOR 1,80', amount: 38 },
    ]);
    // Tax included, once per rate on the document: 9 % of 4.26 → 0.35, 21 % of 1.20 → 0.21.
    expect(sale.taxes.map((t) => [t.taxRateId, t.base, t.tax])).toEqual([
      ['nl-high', 99, 21],
      ['nl-low', 391, 35],
    ]);
    expect(sale.totals).toMatchObject({ total: 546, tax: 56 });
    sale = expectOk(addTender(sale, { id: 't1', kind: 'cash', amount: 1000 }));
    // 5.46 in cash is 5.45 at a 5-cent step.
    expect(sale.totals).toMatchObject({ cashRounding: -1, due: 545, paid: 1000, change: 455 });
    const completed = expectOk(completeSale(sale, now + 30_000));

    // --- HQ accepts the sale, and refuses a tampered copy, naming the broken rule -------------------------
    const push = (collection: string, doc: Record<string, unknown>) =>
      fetch(`${base}/sync/${collection}/push`, {
        method: 'POST',
        headers: device,
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }]),
      });
    const shiftPush = await push('shifts', { ...shift });
    expect([shiftPush.status, await shiftPush.json()]).toEqual([200, []]);
    const accepted = await push('sales', { ...completed });
    expect([accepted.status, await accepted.json()]).toEqual([200, []]);

    const tampered = {
      ...completed,
      id: nextId(),
      totals: { ...completed.totals, total: 9_000_000_000_000 },
    };
    const refused = await push('sales', tampered);
    expect(refused.status).toBe(422);
    const error = ((await refused.json()) as { error: { code: string; detail: string } }).error;
    expect(error.code).toBe('invalid-document');
    expect(error.detail).toContain('totals.total');

    const stored = (await h.storedDocuments('sales')).filter((row) => row.store_id === storeId);
    expect(stored.map((row) => row.data as unknown as SaleDoc)).toEqual([completed]);
  });
});
