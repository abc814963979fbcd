import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import jpeg from 'jpeg-js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SimPrinter } from '../printer/sim-printer.js';
import type { SimSmartCart } from '../smart-cart/sim-smart-cart.js';
import { type RunningSimulator, startSimulator } from '../start-simulator.js';
import { parseControlPageProducts } from './control-page-products.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000, expect: { poll: { timeout: 15_000 } } });

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const LABEL_MAC = '0000021EC9EC743A';

const PRODUCTS = [
  { code: '6901234567892', name: '光明 纯牛奶 250ml Bright Pure Milk', grams: 262 },
  { code: '4131', name: '富士苹果 Fuji Apple', grams: 640, unit: 'weight' },
  { code: '6920000000018', name: '茅台 飞天 53% 500ml Moutai (18+)', grams: 1100 },
];

/** A receipt in ESC/POS: ESC @, centred bold header, Kanji mode (FS &) with GB18030 text, a cut (GS V). */
function receiptBytes(): Buffer {
  const gb = (text: string) => iconv.encode(text, 'gb18030');
  return Buffer.concat([
    Buffer.from([0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01]),
    Buffer.from([0x1c, 0x26]),
    gb('星辰超市 徐汇店\n'),
    Buffer.from([0x1b, 0x45, 0x00, 0x1b, 0x61, 0x00]),
    gb('光明 纯牛奶 250ml      x2    9.80\n'),
    gb('富士苹果 0.640kg            8.26\n'),
    gb('合计 Total                 18.06\n'),
    gb('会员 138****1234\n'),
    Buffer.from([0x1c, 0x2e, 0x1d, 0x56, 0x00]),
  ]);
}

/** A shelf label as the edge would upload it: a baseline JPEG (what the firmware's TJpgDec decodes). */
function labelJpeg(): Buffer {
  const canvas = createCanvas(296, 128);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 296, 128);
  ctx.fillStyle = '#000';
  ctx.font = '20px "Noto Sans SC", sans-serif';
  ctx.fillText('富士苹果 Fuji Apple', 10, 30);
  ctx.font = 'bold 48px sans-serif';
  ctx.fillText('¥12.90', 10, 90);
  ctx.font = '14px sans-serif';
  ctx.fillText('/kg  PLU 4131', 190, 90);
  const image = ctx.getImageData(0, 0, 296, 128);
  return jpeg.encode({ data: Buffer.from(image.data), width: 296, height: 128 }, 90).data;
}

async function uploadLabel(apUrl: string): Promise<void> {
  const form = new FormData();
  form.append('mac', LABEL_MAC);
  form.append('dither', '0');
  form.append('file', new Blob([new Uint8Array(labelJpeg())], { type: 'image/jpeg' }), 'label.jpg');
  const response = await fetch(`${apUrl}/imgupload`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
}

describe('the control page (GET /)', () => {
  let sim: RunningSimulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    await mkdir(ARTIFACTS, { recursive: true });
    const products = parseControlPageProducts(PRODUCTS);
    if (!products.ok) throw new Error(products.detail);
    sim = await startSimulator({
      port: 0,
      products: products.value,
      config: {
        devices: [
          { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial', station: '1 号收银台 Lane 1' },
          { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217', station: '1 号收银台 Lane 1' },
          { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp', station: '1 号收银台 Lane 1' },
          {
            id: 'terminal-1',
            kind: 'payment-terminal',
            protocol: 'nexo-https',
            station: '1 号收银台 Lane 1',
          },
          {
            id: 'esl-ap-1',
            kind: 'shelf-labels',
            protocol: 'openepaperlink-http',
            options: { tags: [{ mac: LABEL_MAC }] },
          },
          // No edge listens here: the cart starts at once and keeps what the shopper does in its outbox.
          {
            id: 'cart-1',
            kind: 'smart-cart',
            protocol: 'cart-ws',
            station: '智能购物车 Smart carts',
            options: { url: 'ws://127.0.0.1:9/carts', waitForLink: false, reconnectDelayMs: 60_000 },
          },
        ],
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
  });

  it('plays the devices: scan from the list, weigh, paper out and back, decline the next card, a cart item', async () => {
    await page.goto(`${sim.url}/?lang=en`);
    await expect.poll(() => page.locator('body').getAttribute('data-ready')).toBe('true');

    // Grouped by station as the config names them; a device without one under "Other devices".
    expect(await page.locator('#devices h3.station').allTextContents()).toEqual([
      '1 号收银台 Lane 1',
      'Other devices',
      '智能购物车 Smart carts',
    ]);
    expect(await page.locator('#receipts').textContent()).toBe('Nothing printed yet');
    expect(await page.locator('#labels').textContent()).toBe('No label shows an image yet');
    const scanner = sim.registry.get('scanner-1');
    const scanned: string[] = [];
    const originalScan = scanner?.scan?.bind(scanner);
    if (!scanner || !originalScan) throw new Error('scanner-1 cannot scan');
    scanner.scan = (code, symbology) => {
      scanned.push(code);
      return originalScan(code, symbology);
    };
    await page
      .locator('.product', { hasText: 'Bright Pure Milk' })
      .getByRole('button', { name: 'Scan' })
      .click();
    await expect.poll(() => scanned).toEqual(['6901234567892']);
    await page.getByPlaceholder('Search products').fill('Fuji');
    await expect.poll(() => page.locator('.product').count()).toBe(1);
    await page.getByPlaceholder('Search products').fill('');

    const scale = sim.registry.get('scale-1');
    const weighed: Array<[number, boolean]> = [];
    const originalWeigh = scale?.setWeight?.bind(scale);
    if (!scale || !originalWeigh) throw new Error('scale-1 cannot weigh');
    scale.setWeight = (grams, stable) => {
      weighed.push([grams, stable]);
      return originalWeigh(grams, stable);
    };
    const scaleCard = page.locator('[data-device="scale-1"]');
    await scaleCard.getByLabel('scale-1 grams').fill('1250');
    await scaleCard.getByRole('button', { name: 'Put on scale' }).click();
    await expect.poll(() => weighed).toEqual([[1250, true]]);
    await page
      .locator('.product', { hasText: 'Fuji Apple' })
      .getByRole('button', { name: 'Weigh 640 g' })
      .click();
    await expect
      .poll(() => weighed)
      .toEqual([
        [1250, true],
        [640, true],
      ]);

    const printerCard = page.locator('[data-device="printer-1"]');
    await printerCard.getByRole('button', { name: 'Pull paper out' }).click();
    await expect.poll(() => sim.registry.get('printer-1')?.faults).toEqual(['paper-out']);
    await expect.poll(() => printerCard.locator('[data-faults]').textContent()).toBe('paper-out');
    await printerCard.getByRole('button', { name: 'Put paper back' }).click();
    await expect.poll(() => sim.registry.get('printer-1')?.faults).toEqual([]);

    await page
      .locator('[data-device="terminal-1"]')
      .getByRole('button', { name: 'Decline next card' })
      .click();
    // The nexo terminal's 'decline' is one-shot: it refuses the next Payment only.
    await expect.poll(() => sim.registry.get('terminal-1')?.faults).toEqual(['decline']);

    const cartCard = page.locator('[data-device="cart-1"]');
    await cartCard.getByRole('button', { name: 'Start shopping' }).click();
    await cartCard.getByLabel('cart-1 product').selectOption('6901234567892');
    await cartCard.getByRole('button', { name: 'Put in cart' }).click();
    const cart = sim.registry.get('cart-1') as SimSmartCart;
    await expect
      .poll(() => cart.unacknowledged().map((entry) => entry.action.type))
      .toEqual(['session-start', 'item-scanned', 'weight-changed']);
    expect(cart.unacknowledged()[2]?.action).toMatchObject({ grams: 262, deltaGrams: 262 });
  });

  it('shows what the printer printed and what a shelf label shows, as images (screenshots in both languages)', async () => {
    const printer = sim.registry.get('printer-1') as SimPrinter;
    const port = printer.endpoint().port as number;
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.end(receiptBytes(), () => resolve()));
      socket.on('error', reject);
    });
    await expect.poll(() => printer.receipts().length).toBe(1);
    expect(printer.receipts()[0]?.text).toContain('星辰超市');
    const ap = sim.registry.get('esl-ap-1');
    await uploadLabel(ap?.endpoint().url as string);
    await expect.poll(() => ap?.labels?.().length).toBe(1);

    for (const lang of ['en', 'zh-CN'] as const) {
      await page.goto(`${sim.url}/?lang=${lang}`);
      await expect.poll(() => page.locator('body').getAttribute('data-ready')).toBe('true');
      const receipt = page.locator('#receipts figure img');
      await expect.poll(() => receipt.count()).toBe(1);
      await expect
        .poll(() => receipt.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBeGreaterThan(0);
      const label = page.locator('#labels figure img');
      await expect.poll(() => label.count()).toBe(1);
      await expect
        .poll(() => label.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(296);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        lang === 'en' ? 'Storefloor hardware simulator' : 'Storefloor 硬件模拟器',
      );
      await page.screenshot({ path: `${ARTIFACTS}control-page-${lang}.png`, fullPage: true });
    }
  });

  it('names a bad products file entry', () => {
    expect(parseControlPageProducts([{ code: '690', name: '' }])).toMatchObject({
      ok: false,
      reason: 'bad-products',
      detail: 'products[0].name must be a text of 1-200 characters',
    });
    expect(parseControlPageProducts({ products: [{ code: 'a b', name: 'x' }] })).toMatchObject({
      ok: false,
      detail: 'products[0].code must be 1-128 printable ASCII characters',
    });
  });
});
