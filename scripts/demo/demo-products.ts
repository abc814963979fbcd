import { type PriceDoc, type ProductDoc, withGs1CheckDigit } from '@storefloor/core';
import type { SeededRandom } from './seeded-random.js';
import {
  DEPARTMENTS,
  type DemoTaxClass,
  FRESH_DEPARTMENTS,
  LOOSE_PRODUCE,
  SERVICE_COUNTER,
} from './supermarket-vocabulary.js';

/** Series words that turn one brand's noun and size into a range of real-looking lines. */
const SERIES: readonly (readonly [zh: string, en: string])[] = [
  ['', ''],
  ['经典', 'Classic'],
  ['有机', 'Organic'],
  ['低糖', 'Low Sugar'],
  ['家庭装', 'Family Pack'],
  ['臻选', 'Select'],
  ['特惠装', 'Value Pack'],
  ['轻享', 'Lite'],
  ['金装', 'Gold'],
  ['精选', 'Premium'],
  ['加量装', 'Bonus Pack'],
  ['儿童', 'Kids'],
  ['清爽', 'Fresh'],
  ['浓香', 'Rich'],
  ['零添加', 'No Additives'],
  ['进口', 'Imported'],
  ['小包装', 'Mini'],
  ['礼盒', 'Gift Box'],
  ['尊享', 'Deluxe'],
  ['便携', 'On-the-go'],
  ['醇厚', 'Mellow'],
  ['冰爽', 'Ice Cool'],
  ['甄选', 'Finest'],
  ['天然', 'Natural'],
  ['限定', 'Limited Edition'],
  ['升级版', 'New Recipe'],
  ['地道', 'Traditional'],
  ['优选', 'Choice'],
  ['鲜享', 'Fresh Taste'],
  ['大包装', 'Big Pack'],
];

export interface DemoProduct {
  readonly product: ProductDoc;
  readonly price: PriceDoc;
  /** Grams of the bag or tray the scale subtracts (loose produce); core's product has no tare field. */
  readonly tareGrams?: number;
  /** For counter goods: which layout the in-store label uses. */
  readonly labelEmbeds?: 'weight' | 'price';
}

export interface DemoCatalogOptions {
  readonly productCount: number;
  readonly currency: string;
  readonly validFrom: number;
  readonly now: number;
}

/** A shelf price in fen ending in 0 (x.x0), the usual Chinese price point, within [min, max]. */
function shelfPrice(random: SeededRandom, minFen: number, maxFen: number): number {
  const raw = random.int(minFen, maxFen);
  const ending = random.pick([90, 90, 90, 80, 50, 0]);
  const yuan = Math.floor(raw / 100);
  return Math.max(10, yuan * 100 + ending);
}

function priceOf(
  product: ProductDoc,
  amount: number,
  options: DemoCatalogOptions,
  member?: number,
): PriceDoc {
  const price: PriceDoc = {
    id: `price-${product.id}-v1`,
    storeId: '*',
    productId: product.id,
    currency: options.currency,
    amount,
    validFrom: options.validFrom,
    createdAt: options.now,
  };
  if (member !== undefined) price.memberAmount = member;
  return price;
}

/**
 * The catalog: loose produce (PLU, by weight), counter goods with in-store price/weight labels (the store's
 * `21…` weight and `23…` price nomenclature, core's DEFAULT_VARIABLE_MEASURE_RULES), then packaged goods with
 * GS1 China-prefixed GTINs (69…) carrying core's check digit, until `productCount` products exist.
 */
export function demoProducts(random: SeededRandom, options: DemoCatalogOptions): DemoProduct[] {
  const out: DemoProduct[] = [];
  let sku = 0;
  const nextId = (): string => `sku-${String(++sku).padStart(6, '0')}`;
  const base = (
    name: string,
    receiptName: string,
    taxClass: DemoTaxClass,
    categoryId: string,
  ): Omit<ProductDoc, 'gtins' | 'plu' | 'unit' | 'productGroupId'> => ({
    id: nextId(),
    storeId: '*',
    name,
    receiptName: receiptName.slice(0, 40),
    taxClass,
    ageRestriction: 0,
    categoryId,
    active: true,
    updatedAt: options.now,
  });

  for (const item of LOOSE_PRODUCE) {
    const product: ProductDoc = {
      ...base(`${item.zh} ${item.en}`, `${item.zh} ${item.en}`, item.taxClass, 'produce'),
      gtins: [],
      plu: item.plu,
      unit: 'weight',
      productGroupId: 'produce-loose',
    };
    out.push({ product, price: priceOf(product, item.perKgFen, options), tareGrams: item.tareGrams });
  }

  SERVICE_COUNTER.forEach((item, index) => {
    // The label's item reference: prefix, five item digits, value digits zeroed (core's itemReference).
    const prefix = item.embeds === 'weight' ? '21' : '23';
    const itemDigits = String(10001 + index).padStart(5, '0');
    const product: ProductDoc = {
      ...base(`${item.zh} ${item.en}`, `${item.zh} ${item.en}`, item.taxClass, item.department),
      gtins: [withGs1CheckDigit(`${prefix}${itemDigits}00000`)],
      plu: '',
      // A weight label is priced per kilogram from its grams; a price label carries the price itself.
      unit: item.embeds === 'weight' ? 'weight' : 'each',
      productGroupId: `${item.department}-counter`,
    };
    out.push({ product, price: priceOf(product, item.perKgFen, options), labelEmbeds: item.embeds });
  });

  const packaged = options.productCount - out.length;
  const totalShare = DEPARTMENTS.reduce((sum, department) => sum + department.share, 0);
  let brandNumber = 0;
  const names = new Set(out.map((item) => item.product.name));
  DEPARTMENTS.forEach((department, departmentIndex) => {
    const quota =
      departmentIndex === DEPARTMENTS.length - 1
        ? options.productCount - out.length
        : Math.round((packaged * department.share) / totalShare);
    // Every (brand, noun, size, series) combination of the department, in a seeded order.
    const combos: [number, number, number, number][] = [];
    department.brands.forEach((_brand, b) => {
      department.nouns.forEach((noun, n) => {
        noun.sizes.forEach((_size, z) => {
          SERIES.forEach((_series, x) => {
            combos.push([b, n, z, x]);
          });
        });
      });
    });
    for (let i = combos.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [combos[i], combos[j]] = [
        combos[j] as [number, number, number, number],
        combos[i] as [number, number, number, number],
      ];
    }
    const brandCompany = department.brands.map(() => 10000 + 37 * ++brandNumber);
    const brandItems = department.brands.map(() => 0);
    // Past every combination, a series word pair makes the next line (still unique by name).
    for (let k = 0; k < quota; k++) {
      const combo = combos[k % combos.length] as [number, number, number, number];
      const round = Math.floor(k / combos.length);
      const [b, n, z, x] = combo;
      const brand = department.brands[b] as readonly [string, string];
      const noun = department.nouns[n] as (typeof department.nouns)[number];
      const size = noun.sizes[z] as readonly [string, number, number, number];
      const series = SERIES[x] as readonly [string, string];
      // Round r > 0 puts a second, different series word first: (extra, series) pairs never repeat for r < 29.
      const extra =
        round === 0
          ? (['', ''] as const)
          : (SERIES[1 + ((x + round - 1) % (SERIES.length - 1))] as readonly [string, string]);
      let zh = `${brand[0]}${extra[0]}${series[0]}${noun.zh} ${size[0]}`;
      let en = [brand[1], extra[1], series[1], noun.en, size[0]].filter((part) => part !== '').join(' ');
      // A name already on the shelf becomes the line's next generation, as brands relaunch a product.
      for (let generation = 2; names.has(`${zh} ${en}`); generation++) {
        zh = `${brand[0]}${extra[0]}${series[0]}${noun.zh} 第${generation}代 ${size[0]}`;
        en = [brand[1], extra[1], series[1], noun.en, `Gen ${generation}`, size[0]]
          .filter((part) => part !== '')
          .join(' ');
      }
      names.add(`${zh} ${en}`);
      const item = (brandItems[b] ?? 0) + 1;
      brandItems[b] = item;
      const gtin = withGs1CheckDigit(`69${brandCompany[b]}${String(item).padStart(5, '0')}`);
      const product: ProductDoc = {
        ...base(`${zh} ${en}`, zh, department.taxClass, department.id),
        gtins: [gtin],
        plu: '',
        unit: 'each',
        ageRestriction: department.ageRestriction,
        productGroupId: `${department.id}-${n}`,
        expectedUnitWeightGrams: size[1],
        weightToleranceGrams: Math.max(5, Math.round(size[1] * 0.03)),
      };
      const amount = shelfPrice(random, size[2], size[3]);
      const member = random.chance(0.08) ? Math.max(10, Math.round((amount * 0.9) / 10) * 10) : undefined;
      out.push({
        product,
        price: priceOf(
          product,
          amount,
          options,
          member !== undefined && member < amount ? member : undefined,
        ),
      });
    }
  });
  return out;
}

/** Department names for screens and reports (category ids of the products). */
export function demoDepartments(): { id: string; zh: string; en: string }[] {
  return [...FRESH_DEPARTMENTS, ...DEPARTMENTS.map(({ id, zh, en }) => ({ id, zh, en }))];
}
