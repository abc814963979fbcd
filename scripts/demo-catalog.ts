import { withGs1CheckDigit } from '@storefloor/core';

/**
 * The virtual store's demo catalog, as rows of the HQ import API (`POST /api/admin/import/:kind`, JSON arrays).
 * GTINs are built from a GS1 prefix reserved for demos and carry real check digits, so the simulated scanner and
 * the barcode parser treat them as any shelf would. Amounts are decimal strings, as HQ exports them.
 */
export interface DemoCatalog {
  readonly currency: string;
  readonly products: Record<string, unknown>[];
  readonly prices: Record<string, unknown>[];
  readonly promotions: Record<string, unknown>[];
}

interface DemoItem {
  readonly name: string;
  readonly price: string;
  readonly category: string;
  readonly taxClass: 'standard' | 'reduced';
  readonly unit?: 'each' | 'weight';
  readonly plu?: string;
  readonly group?: string;
  readonly ageRestriction?: number;
  readonly grams?: number;
  readonly memberPrice?: string;
}

const ITEMS: readonly DemoItem[] = [
  { name: 'Whole milk 1 l', price: '1.19', category: 'dairy', taxClass: 'reduced', grams: 1040 },
  { name: 'Butter 250 g', price: '2.49', category: 'dairy', taxClass: 'reduced', grams: 255 },
  { name: 'Natural yoghurt 500 g', price: '0.99', category: 'dairy', taxClass: 'reduced', grams: 520 },
  {
    name: 'Gouda slices 150 g',
    price: '1.89',
    category: 'dairy',
    taxClass: 'reduced',
    grams: 160,
    memberPrice: '1.59',
  },
  { name: 'Free-range eggs x10', price: '3.29', category: 'dairy', taxClass: 'reduced', grams: 640 },
  { name: 'Sourdough loaf', price: '3.50', category: 'bakery', taxClass: 'reduced', grams: 800 },
  { name: 'Butter croissant', price: '0.89', category: 'bakery', taxClass: 'reduced', grams: 60 },
  { name: 'Bananas', price: '1.99', category: 'produce', taxClass: 'reduced', unit: 'weight', plu: '4011' },
  {
    name: 'Gala apples',
    price: '2.79',
    category: 'produce',
    taxClass: 'reduced',
    unit: 'weight',
    plu: '4133',
  },
  {
    name: 'Vine tomatoes',
    price: '3.99',
    category: 'produce',
    taxClass: 'reduced',
    unit: 'weight',
    plu: '4664',
  },
  { name: 'Avocado', price: '1.29', category: 'produce', taxClass: 'reduced', grams: 200 },
  {
    name: 'Spaghetti 500 g',
    price: '1.49',
    category: 'pantry',
    taxClass: 'reduced',
    grams: 510,
    group: 'pasta',
  },
  { name: 'Penne 500 g', price: '1.49', category: 'pantry', taxClass: 'reduced', grams: 510, group: 'pasta' },
  {
    name: 'Fusilli 500 g',
    price: '1.59',
    category: 'pantry',
    taxClass: 'reduced',
    grams: 510,
    group: 'pasta',
  },
  { name: 'Tomato passata 700 g', price: '1.19', category: 'pantry', taxClass: 'reduced', grams: 900 },
  { name: 'Olive oil 750 ml', price: '8.99', category: 'pantry', taxClass: 'reduced', grams: 1150 },
  { name: 'Espresso beans 1 kg', price: '14.99', category: 'pantry', taxClass: 'reduced', grams: 1020 },
  { name: 'Sparkling water 1.5 l', price: '0.59', category: 'drinks', taxClass: 'standard', grams: 1560 },
  { name: 'Orange juice 1 l', price: '2.19', category: 'drinks', taxClass: 'standard', grams: 1080 },
  { name: 'Cola 330 ml can', price: '0.89', category: 'drinks', taxClass: 'standard', grams: 350 },
  {
    name: 'Lager 6 x 330 ml',
    price: '5.99',
    category: 'alcohol',
    taxClass: 'standard',
    grams: 2300,
    ageRestriction: 18,
  },
  {
    name: 'Rioja red 750 ml',
    price: '7.49',
    category: 'alcohol',
    taxClass: 'standard',
    grams: 1250,
    ageRestriction: 18,
  },
  { name: 'Dark chocolate 100 g', price: '1.79', category: 'snacks', taxClass: 'reduced', grams: 105 },
  { name: 'Salted crisps 150 g', price: '1.69', category: 'snacks', taxClass: 'reduced', grams: 160 },
  { name: 'Dishwasher tablets x40', price: '7.99', category: 'household', taxClass: 'standard', grams: 800 },
  { name: 'Kitchen roll x4', price: '3.49', category: 'household', taxClass: 'standard', grams: 600 },
  { name: 'Toothpaste 75 ml', price: '1.99', category: 'household', taxClass: 'standard', grams: 110 },
  { name: 'AA batteries x4', price: '4.99', category: 'household', taxClass: 'standard', grams: 100 },
];

/** `4000001` + item number + check digit: GS1 prefix 400 (Germany) with a demo company number. */
function demoGtin(index: number): string {
  return withGs1CheckDigit(`4000001${String(10000 + index).padStart(5, '0')}`);
}

export function demoCatalog(validFrom: number): DemoCatalog {
  const products = ITEMS.map((item, index) => {
    const row: Record<string, unknown> = {
      id: `p-${String(index + 1).padStart(4, '0')}`,
      name: item.name,
      gtins: item.unit === 'weight' ? [] : [demoGtin(index)],
      plu: item.plu ?? '',
      unit: item.unit ?? 'each',
      taxClass: item.taxClass,
      ageRestriction: item.ageRestriction ?? 0,
      categoryId: item.category,
      productGroupId: item.group ?? '',
    };
    if (item.grams !== undefined) {
      row.expectedUnitWeightGrams = item.grams;
      row.weightToleranceGrams = Math.max(10, Math.round(item.grams * 0.05));
    }
    return row;
  });
  const prices = ITEMS.map((item, index) => {
    const row: Record<string, unknown> = {
      id: `price-p-${String(index + 1).padStart(4, '0')}-v1`,
      productId: `p-${String(index + 1).padStart(4, '0')}`,
      amount: item.price,
      validFrom,
    };
    if (item.memberPrice !== undefined) row.memberAmount = item.memberPrice;
    return row;
  });
  const idOf = (name: string): string =>
    `p-${String(ITEMS.findIndex((i) => i.name === name) + 1).padStart(4, '0')}`;
  const promotions = [
    {
      id: 'promo-pasta-3-for-4',
      name: 'Any 3 pasta for 4.00',
      kind: 'mix-match',
      productGroupId: 'pasta',
      quantity: 3,
      price: '4.00',
      priority: 10,
      validFrom,
    },
    {
      id: 'promo-cola-4-for-3',
      name: 'Cola: 4 for 3',
      kind: 'buy-get',
      productIds: [idOf('Cola 330 ml can')],
      buyQuantity: 3,
      getQuantity: 1,
      getPercent: '100',
      priority: 5,
      validFrom,
    },
    {
      id: 'promo-chocolate-20',
      name: 'Chocolate 20% off',
      kind: 'percent-off',
      productIds: [idOf('Dark chocolate 100 g')],
      percent: '20',
      priority: 1,
      validFrom,
    },
    {
      id: 'promo-spend-50-save-5',
      name: 'Spend 50, save 5',
      kind: 'basket-threshold',
      threshold: '50.00',
      amount: '5.00',
      priority: 0,
      validFrom,
    },
  ];
  return { currency: 'EUR', products, prices, promotions };
}
