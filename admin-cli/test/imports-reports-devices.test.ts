import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addProductLine,
  addTender,
  buildCatalogIndex,
  businessDayOf,
  completeSale,
  createIdGenerator,
  expectOk,
  indexPromotions,
  localClock,
  openSale,
  openShift,
  type PriceDoc,
  type ProductDoc,
  priceInForce,
  productByGtin,
  type StoreDoc,
  storeSettingsInForce,
  type TaxRateDoc,
  taxRateInForce,
} from '@storefloor/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type HqUnderTest, startHq, storefloor } from './hq-under-test.js';

let hq: HqUnderTest;
let env: Record<string, string>;
let dir = '';
const file = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

beforeAll(async () => {
  hq = await startHq();
  dir = hq.folder;
  env = { STOREFLOOR_HQ_URL: hq.url, STOREFLOOR_ADMIN_TOKEN: ADMIN_TOKEN };
  const created = await storefloor(
    [
      'stores',
      'create',
      'sh-002',
      '--name',
      '静安店 Jing’an',
      '--currency',
      'CNY',
      '--tax-mode',
      'inclusive',
      '--time-zone',
      'Asia/Shanghai',
      '--business-day-start-hour',
      '4',
      '--languages',
      'zh-CN,en',
    ],
    env,
  );
  expect(created.status, created.stderr).toBe(0);
});
afterAll(async () => {
  await hq?.close();
});

interface Pulled<T> {
  documents: T[];
}

async function pull<T>(token: string, collection: string): Promise<T[]> {
  const response = await fetch(`${hq.url}/sync/${collection}/pull`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ checkpoint: null, batchSize: 500 }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as Pulled<T>).documents;
}

describe('every import kind, in CSV, JSON and NDJSON', () => {
  it('tax rates (JSON), products (CSV), prices (NDJSON), promotions (CSV), members (NDJSON), employees (CSV)', async () => {
    const runs = [
      [
        'tax-rates',
        await file(
          'tax.json',
          JSON.stringify([
            {
              id: 'vat13',
              taxClass: 'standard',
              rateBps: 1300,
              label: '增值税 13%',
              validFrom: '2019-04-01T00:00:00+08:00',
            },
            {
              id: 'vat9',
              taxClass: 'reduced',
              rateBps: 900,
              label: '增值税 9%',
              validFrom: '2019-04-01T00:00:00+08:00',
            },
          ]),
        ),
      ],
      [
        'products',
        await file(
          'products.csv',
          'id,name,gtins,taxClass\nmilk,牛奶 Milk 1L,6901234567892,reduced\ncola,可乐 Cola 330ml,6920202888883,standard\n',
        ),
      ],
      [
        'prices',
        await file(
          'prices.ndjson',
          '{"id":"milk-v1","productId":"milk","amount":"12.90","validFrom":"2026-01-01T00:00:00+08:00"}\n{"id":"cola-v1","productId":"cola","amount":"3.50","validFrom":"2026-01-01T00:00:00+08:00"}\n',
        ),
      ],
      [
        'promotions',
        await file(
          'promotions.csv',
          'id,name,kind,productIds,percent,validFrom\ncola-10,可乐九折 Cola 10% off,percent-off,cola,10,2026-01-01T00:00:00+08:00\n',
        ),
      ],
      [
        'members',
        await file(
          'members.jsonl',
          '{"id":"m1","storeId":"sh-002","cardNumber":"88600001","name":"王芳","phone":"13800138000"}\n',
        ),
      ],
      [
        'employees',
        await file(
          'employees.csv',
          'id,storeId,name,roles,pin\ne1,sh-002,李强 Li Qiang,cashier;manager,4321\n',
        ),
      ],
    ] as const;
    for (const [kind, path] of runs) {
      const run = await storefloor(['import', kind, path, '--currency', 'CNY'], env);
      expect(run.status, `${kind}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`${kind}: \\d+ written, 0 unchanged, 0 rejected`));
    }
    // The same product file again: nothing rewritten, so no lane pulls it again.
    const again = await storefloor(['import', 'products', join(dir, 'products.csv')], env);
    expect(again.stdout).toContain('products: 0 written, 2 unchanged, 0 rejected');
  });

  it('a price version imported twice is rejected by line and field, and the exit status says so', async () => {
    const rejected = join(dir, 'rejected.csv');
    const run = await storefloor(
      ['import', 'prices', join(dir, 'prices.ndjson'), '--currency', 'CNY', '--rejected', rejected],
      env,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'prices.ndjson')}:1: id: version-exists`);
    expect(run.stderr).toContain(`${join(dir, 'prices.ndjson')}:2: id: version-exists`);
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(rejected, 'utf8');
    expect(csv.split('\n')[0]).toBe('file,line,field,reason');
    expect(csv).toContain(
      `${join(dir, 'prices.ndjson')},1,id,"version-exists: price version milk-v1 already exists`,
    );
  });

  it('all-or-nothing writes nothing when one row is bad; a malformed file and an unknown extension fail clearly', async () => {
    const mixed = await file('mixed.csv', 'id,name,taxClass\nok-1,Fine,standard\nbad-1,,standard\n');
    const run = await storefloor(['import', 'products', mixed, '--all-or-nothing'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nothing imported');
    expect(run.stderr).toContain(`${mixed}:3: name: missing`);
    const token = await laneToken();
    const products = await pull<ProductDoc>(token, 'products');
    expect(products.map((p) => p.id)).not.toContain('ok-1');

    const broken = await file('broken.json', '[{"id": "x", "name": ');
    const malformed = await storefloor(['import', 'products', broken], env);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain('[import-malformed]');

    const xlsx = await file('products.xlsx', 'not csv');
    const unknown = await storefloor(['import', 'products', xlsx], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('name a .csv, .json (an array) or .ndjson/.jsonl file');

    const missing = await storefloor(['import', 'products', join(dir, 'nope.csv')], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot be read (ENOENT)');
  });

  it('an import for an unknown store, and an unknown kind, are refused before anything is sent', async () => {
    const run = await storefloor(
      ['import', 'products', join(dir, 'products.csv'), '--store', 'nowhere'],
      env,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown store "nowhere"');
    const kind = await storefloor(['import', 'coupons', join(dir, 'products.csv')], env);
    expect(kind.status).toBe(1);
    expect(kind.stderr).toContain(
      "'coupons' is invalid for argument 'kind'. Allowed choices are products, prices",
    );
  });
});

async function laneToken(): Promise<string> {
  const code = await storefloor(['enrollment-code', 'sh-002'], env);
  expect(code.status).toBe(0);
  const enrolled = await fetch(`${hq.url}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: code.stdout.trim(), label: 'lane 1' }),
  });
  return ((await enrolled.json()) as { token: string }).token;
}

describe('sales, day-end and revoking a lane', () => {
  it('a lane sells from what it pulled; storefloor sales and day-end show it; revoke stops the lane', async () => {
    const code = await storefloor(['--json', 'enrollment-code', 'sh-002'], env);
    const { code: enrollmentCode } = JSON.parse(code.stdout) as { code: string };
    const enrolled = (await (
      await fetch(`${hq.url}/api/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: enrollmentCode, label: 'lane 2' }),
      })
    ).json()) as { token: string; deviceId: string };
    const { token, deviceId } = enrolled;
    const [stores, products, prices, taxRates] = await Promise.all([
      pull<StoreDoc>(token, 'stores'),
      pull<ProductDoc>(token, 'products'),
      pull<PriceDoc>(token, 'prices'),
      pull<TaxRateDoc>(token, 'tax_rates'),
    ]);
    const now = Date.now();
    const settings = expectOk(storeSettingsInForce('sh-002', now, stores));
    const businessDay = businessDayOf(now, settings);
    const nextId = createIdGenerator();
    const env2 = { promotions: indexPromotions([]), instant: now, ...localClock(now, settings.timeZone) };
    const shift = expectOk(
      openShift({
        id: nextId(),
        storeId: 'sh-002',
        deviceId,
        cashierId: 'e1',
        businessDay,
        currency: 'CNY',
        openingFloat: 10_000,
        openedAt: now,
      }),
    );
    let sale = expectOk(
      openSale({
        id: nextId(),
        storeId: 'sh-002',
        deviceId,
        shiftId: shift.id,
        cashierId: 'e1',
        businessDay,
        currency: 'CNY',
        taxMode: settings.taxMode,
        taxRounding: settings.taxRounding,
        cashRoundingStep: settings.cashRoundingStep,
        openedAt: now,
      }),
    );
    const catalog = buildCatalogIndex(products, 'sh-002');
    const milk = expectOk(productByGtin(catalog, '06901234567892'));
    sale = expectOk(
      addProductLine(
        sale,
        {
          lineId: 'l1',
          entry: 'scanned',
          product: milk,
          price: expectOk(priceInForce(milk, 'sh-002', now, prices)),
          taxRate: expectOk(taxRateInForce(milk.taxClass, 'sh-002', now, taxRates)),
          quantity: 2,
        },
        env2,
      ),
    );
    sale = expectOk(addTender(sale, { id: 't1', kind: 'cash', amount: 3000 }));
    const completed = expectOk(completeSale(sale, now + 1000));
    for (const [collection, doc] of [
      ['shifts', shift],
      ['sales', completed],
    ] as const) {
      const pushed = await fetch(`${hq.url}/sync/${collection}/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }]),
      });
      expect(pushed.status, await pushed.clone().text()).toBe(200);
    }

    const sales = await storefloor(['sales', '--from', businessDay, '--store', 'sh-002'], env);
    expect(sales.status, sales.stderr).toBe(0);
    // 2 × 12.90 = 25.80, cash 30.00 with 4.20 change: cash taken is net of change.
    expect(sales.stdout).toContain(`sh-002\t${businessDay}\tCNY\t1\t25.80\t0\t0.00\t25.80`);
    expect(sales.stdout).toContain('cash 25.80');

    const dayEnd = await storefloor(['day-end', businessDay, '--store', 'sh-002'], env);
    expect(dayEnd.status, dayEnd.stderr).toBe(0);
    expect(dayEnd.stdout).toContain(
      `sh-002 ${businessDay}: NOT COMPLETE; shifts 0 closed, 1 open; Z report missing`,
    );
    expect(dayEnd.stdout).toContain(`${deviceId} (lane 2): last push 20`);

    const revoked = await storefloor(['devices', 'revoke', deviceId], env);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`device ${deviceId} revoked at`);
    const refused = await fetch(`${hq.url}/sync/products/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 1 }),
    });
    expect(refused.status).toBe(401);
    const after = await storefloor(['--json', 'day-end', businessDay, '--store', 'sh-002'], env);
    const status = JSON.parse(after.stdout) as {
      stores: { devices: { deviceId: string; revoked: boolean }[] }[];
    };
    expect(status.stores[0]?.devices.find((d) => d.deviceId === deviceId)?.revoked).toBe(true);
  });

  it('unknown store, unknown device and a bad day get clear messages and a non-zero exit', async () => {
    const sales = await storefloor(['sales', '--from', '2026-01-01', '--store', 'nowhere'], env);
    expect([sales.status, sales.stderr]).toEqual([
      1,
      'storefloor: unknown store "nowhere": HQ has no store with this id\n',
    ]);
    const dayEnd = await storefloor(['day-end', '2026-01-01', '--store', 'nowhere'], env);
    expect(dayEnd.status).toBe(1);
    expect(dayEnd.stderr).toContain('unknown store "nowhere"');
    const device = await storefloor(['devices', 'revoke', 'dev-nope'], env);
    expect([device.status, device.stderr]).toEqual([
      1,
      'storefloor: unknown device "dev-nope": HQ has no device with this id\n',
    ]);
    const day = await storefloor(['day-end', '1 January'], env);
    expect(day.status).toBe(1);
    expect(day.stderr).toContain('businessDay must be a business day YYYY-MM-DD');
  });
});
