import type { MemberDoc } from '@storefloor/core';
import { hashText, type SeededRandom } from './seeded-random.js';
import { GIVEN_NAMES, SURNAMES, SURNAMES_PINYIN } from './supermarket-vocabulary.js';

export interface DemoMember {
  readonly member: MemberDoc;
  /** Opening points balance, written as a 'points-adjusted' loyalty entry. */
  readonly points: number;
}

/** Members of the demo store: Chinese names, mainland mobile numbers (1[3-9]…), card numbers, tiers, points. */
export function demoMembers(random: SeededRandom, count: number, storeId: string, now: number): DemoMember[] {
  const out: DemoMember[] = [];
  const phones = new Set<string>();
  // Member ids and card numbers carry the store, so seeding a second store re-homes nobody.
  const storeDigits = String(hashText(storeId) % 10_000).padStart(4, '0');
  for (let i = 1; i <= count; i++) {
    const s = random.int(0, SURNAMES.length - 1);
    const name = `${SURNAMES[s]}${random.pick(GIVEN_NAMES)}`;
    let phone = '';
    do
      phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
    while (phones.has(phone));
    phones.add(phone);
    const tier = random.chance(0.05) ? 'platinum' : random.chance(0.2) ? 'gold' : 'standard';
    out.push({
      member: {
        id: `mem-${storeId}-${String(i).padStart(5, '0')}`,
        storeId,
        cardNumber: `8860${storeDigits}${String(i).padStart(6, '0')}`,
        name,
        tier,
        email: random.chance(0.4) ? `${(SURNAMES_PINYIN[s] ?? 'member').toLowerCase()}${i}@example.cn` : '',
        phone,
        active: true,
        updatedAt: now,
      },
      points:
        tier === 'platinum'
          ? random.int(5000, 40000)
          : tier === 'gold'
            ? random.int(1000, 9000)
            : random.int(0, 1500),
    });
  }
  return out;
}
