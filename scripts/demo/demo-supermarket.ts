import type { PromotionDoc, TaxRateDoc } from '@storefloor/core';
import { type DemoMember, demoMembers } from './demo-members.js';
import { type DemoProduct, demoDepartments, demoProducts } from './demo-products.js';
import { demoPromotions } from './demo-promotions.js';
import { type DemoShelfLabel, demoShelfLabels } from './demo-shelf-labels.js';
import { type DemoEmployee, demoStaff } from './demo-staff.js';
import { demoStoreSettings } from './demo-store-settings.js';
import { demoTaxRates } from './demo-tax-rates.js';
import { SeededRandom } from './seeded-random.js';

export interface DemoSupermarketOptions {
  /** PRNG seed: the same seed gives the same supermarket, byte for byte. */
  readonly seed?: number;
  readonly storeId?: string;
  readonly storeName?: string;
  /** About 20,000 by default. */
  readonly productCount?: number;
  readonly memberCount?: number;
  /** Electronic shelf labels bound to products; 10,000 by default (at most one per product). */
  readonly shelfLabelCount?: number;
}

export interface DemoSupermarket {
  readonly seed: number;
  readonly storeId: string;
  readonly storeName: string;
  readonly currency: 'CNY';
  /** Epoch ms every price, promotion and the stocktake date from (dated, so a re-run writes the same rows). */
  readonly validFrom: number;
  readonly settings: Record<string, unknown>;
  readonly departments: { id: string; zh: string; en: string }[];
  readonly catalog: DemoProduct[];
  readonly promotions: PromotionDoc[];
  readonly taxRates: TaxRateDoc[];
  readonly members: DemoMember[];
  readonly staff: DemoEmployee[];
  /** Shelf labels and the product each shows, for the agent's binding import. */
  readonly shelfLabels: DemoShelfLabel[];
}

export const DEFAULT_DEMO_SEED = 20_260_101;
/** 2026-01-01 00:00 Asia/Shanghai. */
const DEMO_VALID_FROM = Date.UTC(2025, 11, 31, 16);

/** The whole demo supermarket as core documents, generated from one seed (no clock, no I/O). */
export function demoSupermarket(options: DemoSupermarketOptions = {}): DemoSupermarket {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const storeId = options.storeId ?? 'store-001';
  const storeName = options.storeName ?? '星辰超市 徐汇店 Starlight Market Xuhui';
  const now = DEMO_VALID_FROM;
  const catalog = demoProducts(new SeededRandom(seed), {
    productCount: options.productCount ?? 20_000,
    currency: 'CNY',
    validFrom: DEMO_VALID_FROM,
    now,
  });
  return {
    seed,
    storeId,
    storeName,
    currency: 'CNY',
    validFrom: DEMO_VALID_FROM,
    settings: demoStoreSettings(storeName),
    departments: demoDepartments(),
    catalog,
    promotions: demoPromotions(new SeededRandom(seed + 1), catalog, {
      currency: 'CNY',
      validFrom: DEMO_VALID_FROM,
      now,
    }),
    taxRates: demoTaxRates(storeId, now),
    members: demoMembers(new SeededRandom(seed + 2), options.memberCount ?? 1000, storeId, now),
    staff: demoStaff(storeId),
    shelfLabels: demoShelfLabels(seed, catalog, storeId, options.shelfLabelCount ?? 10_000),
  };
}
