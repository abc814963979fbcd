import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type HqUnderTest, startHq, storefloor } from './hq-under-test.js';

let hq: HqUnderTest;
let env: Record<string, string>;

beforeAll(async () => {
  hq = await startHq();
  env = { STOREFLOOR_HQ_URL: hq.url, STOREFLOOR_ADMIN_TOKEN: ADMIN_TOKEN };
});
afterAll(async () => {
  await hq?.close();
});

describe('storefloor stores and enrollment codes', () => {
  it('creates a store with its settings, and HQ holds that settings version', async () => {
    const run = await storefloor(
      [
        'stores',
        'create',
        'sh-001',
        '--name',
        '上海徐汇店 Xuhui',
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
        '--receipt-header',
        '欢迎光临\\nWelcome',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('created store sh-001');
    const { status, body } = await hq.admin<{ settingsInForce: Record<string, unknown> }>(
      '/api/admin/stores/sh-001',
    );
    expect(status).toBe(200);
    expect(body.settingsInForce).toMatchObject({
      currency: 'CNY',
      taxMode: 'inclusive',
      timeZone: 'Asia/Shanghai',
      businessDayStartHour: 4,
      languages: ['zh-CN', 'en'],
      receiptHeader: '欢迎光临\nWelcome',
      cashRoundingStep: 1,
    });
  });

  it('refuses settings core’s schema refuses, naming the field, and creates nothing', async () => {
    const run = await storefloor(
      [
        'stores',
        'create',
        'bad-01',
        '--name',
        'Bad',
        '--currency',
        'CNY',
        '--tax-mode',
        'sometimes',
        '--time-zone',
        'Asia/Shanghai',
        '--languages',
        'zh-CN',
      ],
      env,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/taxMode/);
    expect(run.stderr).toContain('[invalid-document]');
    expect((await hq.admin('/api/admin/stores/bad-01')).status).toBe(404);
  });

  it('a second create of the same store is refused as store-exists', async () => {
    const run = await storefloor(['stores', 'create', 'sh-001', '--name', 'again'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[store-exists]');
  });

  it('issues lane and store-hub codes that enroll a device of that role', async () => {
    for (const role of ['lane', 'store-hub'] as const) {
      const run = await storefloor(['enrollment-code', 'sh-001', '--role', role, '--ttl', '600'], env);
      expect(run.status).toBe(0);
      const code = run.stdout.trim();
      expect(run.stderr).toContain(`${role} enrollment code for store sh-001`);
      const enrolled = await fetch(`${hq.url}/api/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      expect(enrolled.status).toBe(201);
      expect(await enrolled.json()).toMatchObject({ storeId: 'sh-001', role });
    }
  });

  it('an unknown store gets a clear message and a non-zero exit', async () => {
    const run = await storefloor(['enrollment-code', 'nowhere-9'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown store "nowhere-9"');
  });
});

describe('storefloor import', () => {
  it('imports products from CSV and lists each rejected row by file, line and field', async () => {
    const file = join(hq.folder, 'products.csv');
    await writeFile(
      file,
      [
        'id,name,gtins,taxClass,unit,plu',
        'p-1,牛奶 Milk 1L,6901234567892,reduced,each,',
        'p-2,Bad GTIN,6901234567891,reduced,each,',
        'p-3,香蕉 Bananas,,reduced,weight,4011',
        'p-4,,6901234567892,reduced,each,',
      ].join('\n'),
    );
    const rejected = join(hq.folder, 'rejected.csv');
    const run = await storefloor(['import', 'products', file, '--rejected', rejected], env);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('products: 2 written, 0 unchanged, 2 rejected');
    expect(run.stderr).toContain(`${file}:3: gtins`);
    expect(run.stderr).toContain(`${file}:5: name: missing`);
  });
});

describe('bad input', () => {
  it('no token: says how to give one', async () => {
    const run = await storefloor(['stores', 'show', 'sh-001'], { STOREFLOOR_HQ_URL: hq.url });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no HQ admin token: pass --token');
  });

  it('a wrong token: HQ refuses it', async () => {
    const run = await storefloor(['--token', 'not-the-admin-token-at-all', 'stores', 'show', 'sh-001'], {
      STOREFLOOR_HQ_URL: hq.url,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('HQ refused the admin token');
  });

  it('unreachable HQ: names the URL', async () => {
    const port = await closedPort();
    const run = await storefloor([
      '--hq',
      `http://127.0.0.1:${port}`,
      '--token',
      ADMIN_TOKEN,
      'stores',
      'show',
      'sh-001',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`HQ at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED)`);
  });
});

/** A port nothing listens on: bound by the OS, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the progress bar', () => {
  it('draws on a real pseudo-terminal (util-linux script) and stays out of pipes', async () => {
    const file = join(hq.folder, 'many-products.csv');
    const rows = ['id,name,taxClass'];
    for (let i = 0; i < 5000; i++) rows.push(`bulk-${i},散装商品 Bulk item ${i},standard`);
    await writeFile(file, rows.join('\n'));
    const bin = join(import.meta.dirname, '../bin/storefloor.js');
    const command = `${process.execPath} ${bin} import products ${file}`;
    const terminal = await new Promise<string>((resolveRun) => {
      execFile(
        'script',
        ['-qec', command, '/dev/null'],
        { env: { ...process.env, ...env }, encoding: 'utf8' },
        (_error, stdout, stderr) => resolveRun(stdout + stderr),
      );
    });
    expect(terminal).toMatch(/many-products\.csv \[=+\] 100% \| \d+\/\d+ KiB/);
    expect(terminal).toContain('products: 5000 written, 0 unchanged, 0 rejected');
    const piped = await storefloor(['import', 'products', file], env);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(`${file}: products: 0 written, 5000 unchanged, 0 rejected\n`);
  });
});
