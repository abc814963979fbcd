import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLabelJpeg } from '@storefloor/device-drivers';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { LABEL_TYPES, type LabelType } from './label-type.js';
import { renderShelfLabel } from './render-shelf-label.js';
import { shelfLabelContent } from './shelf-label-content.js';
import { apples, milk, NOON, offer, percentOff, price } from './shelf-label-fixtures.test-support.js';

/** Rendered labels are kept here for a person to look at (not committed). */
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/labels');

function inks(rgba: Uint8Array) {
  let red = 0;
  let black = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b] = [rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number];
    if (r > 200 && g < 60 && b < 60) red++;
    else if (r < 60 && g < 60 && b < 60) black++;
  }
  return { red, black };
}

describe('rendering shelf labels', () => {
  const cases = [
    ['milk-promo', offer(milk, price('p-milk', 1290), [percentOff('promo-1', 'p-milk', 2000)])],
    ['apples', offer(apples, price('p-apple', 1598, { memberUnitPrice: 1398 }))],
    // A long name in both languages and a four-digit price: shrunk or wrapped, the price never cut.
    [
      'long-name',
      offer(
        {
          ...milk,
          name: '澳大利亚进口安格斯谷饲原切西冷牛排礼盒装',
          secondName: 'Australian Grain-fed Angus Sirloin Steak Gift Box',
          netContent: { amount: 1200, unit: 'g' },
        },
        price('p-milk', 129900),
        [percentOff('promo-9', 'p-milk', 1000, { receiptText: '会员日 九折 10% off' })],
      ),
    ],
  ] as const;
  for (const type of Object.values(LABEL_TYPES) as LabelType[]) {
    for (const [name, o] of cases) {
      it(`draws ${name} on a ${type.id} panel as a baseline JPEG of the panel's size`, async () => {
        const label = await renderShelfLabel(shelfLabelContent(o, NOON), type);
        expect(checkLabelJpeg(label.jpeg).ok).toBe(true);
        const decoded = jpeg.decode(label.jpeg, { useTArray: true, formatAsRGBA: true });
        expect([decoded.width, decoded.height]).toEqual([type.width, type.height]);
        const { red, black } = inks(label.bitmap.rgba);
        expect(black).toBeGreaterThan(500);
        // Red ink only where the panel has it, and there only for the promotion.
        if (type.inks.includes('red') && name !== 'apples') expect(red).toBeGreaterThan(200);
        else expect(red).toBe(0);
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(join(ARTIFACTS, `${type.id}-${name}.jpg`), label.jpeg);
        // What the AP decodes, as a PNG a person (or a file viewer) can open.
        const png = new PNG({ width: decoded.width, height: decoded.height });
        png.data = Buffer.from(decoded.data);
        writeFileSync(join(ARTIFACTS, `${type.id}-${name}.png`), PNG.sync.write(png));
      });
    }
  }
});
