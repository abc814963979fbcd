import type { PromotionDoc, PromotionRule } from '@storefloor/core';
import type { DemoProduct } from './demo-products.js';
import type { SeededRandom } from './seeded-random.js';

const emptyTarget = {
  productIds: [] as string[],
  categoryIds: [] as string[],
  productGroupIds: [] as string[],
};

/**
 * 50 promotions covering every rule kind of core's promotion engine (percent-off, amount-off, multi-buy,
 * mix-match, buy-get, basket-threshold by amount and by percent), some member-only, some exclusive, a few
 * ended or not yet started, as a real promotions calendar has.
 */
export function demoPromotions(
  random: SeededRandom,
  catalog: readonly DemoProduct[],
  options: { currency: string; validFrom: number; now: number },
): PromotionDoc[] {
  const packaged = catalog.filter((item) => item.product.gtins.length > 0 && item.product.unit === 'each');
  const pickProducts = (count: number): string[] => {
    const ids = new Set<string>();
    while (ids.size < count) ids.add(random.pick(packaged).product.id);
    return [...ids].sort();
  };
  const groups = [...new Set(packaged.map((item) => item.product.productGroupId))].sort();
  const day = 86_400_000;
  const promos: PromotionDoc[] = [];
  const add = (name: string, rule: PromotionRule, extra: Partial<PromotionDoc> = {}): void => {
    const n = promos.length + 1;
    promos.push({
      id: `promo-${String(n).padStart(3, '0')}`,
      storeId: '*',
      name,
      receiptText: name.slice(0, 40),
      currency: options.currency,
      priority: random.int(0, 20),
      exclusive: false,
      memberOnly: false,
      validFrom: options.validFrom,
      rule,
      createdAt: options.now,
      ...extra,
    });
  };
  const kinds = [
    'percent-off',
    'amount-off',
    'multi-buy',
    'mix-match',
    'buy-get',
    'basket-threshold',
  ] as const;
  for (let i = 0; promos.length < 50; i++) {
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    const member = i % 7 === 3;
    const extra: Partial<PromotionDoc> = member ? { memberOnly: true } : {};
    if (i % 11 === 5) extra.exclusive = true;
    // A promotion that ended and one that starts next month: history and the calendar ahead.
    if (i === 8) extra.validTo = options.validFrom + 14 * day;
    if (i === 9) extra.validFrom = options.validFrom + 400 * day;
    const prefix = member ? '会员专享 Members: ' : '';
    switch (kind) {
      case 'percent-off': {
        const percent = random.pick([10, 15, 20, 25, 30]);
        add(
          `${prefix}${10 - percent / 10}折 ${percent}% off`,
          {
            kind,
            target: { ...emptyTarget, productIds: pickProducts(random.int(3, 12)) },
            percentBps: percent * 100,
          },
          extra,
        );
        break;
      }
      case 'amount-off': {
        const yuan = random.pick([2, 3, 5, 10]);
        add(
          `${prefix}立减${yuan}元 ${yuan} yuan off`,
          {
            kind,
            target: { ...emptyTarget, productIds: pickProducts(random.int(1, 6)) },
            amount: yuan * 100,
          },
          extra,
        );
        break;
      }
      case 'multi-buy': {
        const quantity = random.pick([2, 3]);
        const price = random.pick([990, 1500, 1990, 2990]);
        add(
          `${prefix}任${quantity}件${price / 100}元 ${quantity} for ${(price / 100).toFixed(2)}`,
          {
            kind,
            target: { ...emptyTarget, productIds: pickProducts(random.int(2, 8)) },
            quantity,
            price,
          },
          extra,
        );
        break;
      }
      case 'mix-match': {
        const quantity = random.pick([2, 3, 4]);
        const price = quantity * random.pick([500, 800, 1000]);
        add(
          `${prefix}同类任选${quantity}件${price / 100}元 Any ${quantity} for ${(price / 100).toFixed(2)}`,
          {
            kind,
            productGroupId: random.pick(groups),
            quantity,
            price,
          },
          extra,
        );
        break;
      }
      case 'buy-get': {
        const buy = random.pick([1, 2, 3]);
        const half = random.chance(0.4);
        add(
          `${prefix}买${buy}${half ? '第二件半价' : '送1'} Buy ${buy} get 1 ${half ? 'half price' : 'free'}`,
          {
            kind,
            target: { ...emptyTarget, productIds: pickProducts(random.int(1, 5)) },
            buyQuantity: buy,
            getQuantity: 1,
            getPercentBps: half ? 5000 : 10_000,
          },
          extra,
        );
        break;
      }
      case 'basket-threshold': {
        const threshold = random.pick([9900, 19900, 29900]);
        if (i % 2 === 0) {
          const off = threshold >= 19900 ? 2000 : 1000;
          add(
            `${prefix}满${threshold / 100}减${off / 100} Spend ${threshold / 100}, save ${off / 100}`,
            {
              kind,
              target: emptyTarget,
              threshold,
              amount: off,
            },
            extra,
          );
        } else {
          add(
            `${prefix}满${threshold / 100}享95折 Spend ${threshold / 100}, 5% off`,
            {
              kind,
              target: {
                ...emptyTarget,
                categoryIds: [random.pick(['snacks', 'drinks', 'household', 'personal-care'])],
              },
              threshold,
              percentBps: 500,
            },
            extra,
          );
        }
        break;
      }
    }
  }
  return promos;
}
