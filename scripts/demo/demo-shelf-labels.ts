import type { DemoProduct } from './demo-products.js';
import { hashText, SeededRandom } from './seeded-random.js';

/**
 * One electronic shelf label of the demo store and the product it shows. The MAC is written as the
 * OpenEPaperLink access point prints it in `/get_db` (16 hex, a 12-hex tag MAC after `0000`), so the agent's
 * binding import and the simulated access point name the same tag.
 */
export interface DemoShelfLabel {
  readonly mac: string;
  readonly productId: string;
  readonly storeId: string;
}

/**
 * `count` labels bound to `count` different products of the catalogue, in a seeded order; the MACs are unique,
 * carry the store (two stores' tags never collide) and sort in the order the labels were hung.
 */
export function demoShelfLabels(
  seed: number,
  catalog: readonly DemoProduct[],
  storeId: string,
  count = 10_000,
): DemoShelfLabel[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('shelf label count must be a whole number');
  const random = new SeededRandom(seed + 3);
  const productIds = catalog.filter((item) => item.product.active).map((item) => item.product.id);
  for (let i = productIds.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [productIds[i], productIds[j]] = [productIds[j] as string, productIds[i] as string];
  }
  // 0000 + the vendor's 02 1E + two bytes of the store + a running two bytes: 65,535 labels a store.
  const store = (hashText(storeId) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
  const labels: DemoShelfLabel[] = [];
  for (let i = 0; i < Math.min(count, productIds.length); i++) {
    if (i >= 0xffff) throw new RangeError('at most 65,535 shelf labels per store');
    const serial = (i + 1).toString(16).toUpperCase().padStart(4, '0');
    labels.push({ mac: `0000021E${store}${serial}`, productId: productIds[i] as string, storeId });
  }
  return labels;
}
