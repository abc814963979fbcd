import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  employeeRow,
  memberRow,
  priceRow,
  productRow,
  promotionRow,
  taxRateRow,
} from './demo-import-rows.js';
import { type DemoSupermarketOptions, demoSupermarket } from './demo-supermarket.js';

/**
 * The demo master data as files for `storefloor import` (NDJSON, one row per line) and the store's settings
 * for `storefloor stores create --settings`. Returns the files in the order they import (tax rates and
 * products before the prices that name them).
 */
export async function writeDemoImportFiles(
  folder: string,
  options: DemoSupermarketOptions = {},
): Promise<{
  settings: string;
  /** `{ mac, productId, storeId }` per line: the store's shelf labels for the agent, not for HQ. */
  shelfLabels: string;
  storeId: string;
  storeName: string;
  imports: { kind: string; file: string; rows: number }[];
}> {
  const demo = demoSupermarket(options);
  await mkdir(folder, { recursive: true });
  const kinds: [string, Record<string, unknown>[]][] = [
    ['tax-rates', demo.taxRates.map(taxRateRow)],
    ['products', demo.catalog.map((item) => productRow(item.product))],
    ['prices', demo.catalog.map((item) => priceRow(item.price))],
    ['promotions', demo.promotions.map(promotionRow)],
    ['members', demo.members.map((item) => memberRow(item.member))],
    ['employees', demo.staff.map(employeeRow)],
  ];
  // Not an HQ import: the bindings the edge agent imports (label MAC → product), written beside the rest.
  const shelfLabels = join(folder, 'shelf-label-bindings.ndjson');
  await writeFile(shelfLabels, `${demo.shelfLabels.map((label) => JSON.stringify(label)).join('\n')}\n`);
  const imports = [];
  for (const [kind, rows] of kinds) {
    const file = join(folder, `${kind}.ndjson`);
    await writeFile(file, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    imports.push({ kind, file, rows: rows.length });
  }
  const settings = join(folder, 'store-settings.json');
  await writeFile(settings, `${JSON.stringify(demo.settings, null, 2)}\n`);
  return { settings, shelfLabels, storeId: demo.storeId, storeName: demo.storeName, imports };
}
