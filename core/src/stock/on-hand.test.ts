import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../result.js';
import type {
  CountedThrough,
  StockCountDoc,
  StockFlowDoc,
  StockFlowKind,
  StockMovementDoc,
} from '../schemas/stock-movements.js';
import { validateDocument } from '../schemas/validate.js';
import { countIncludesNow } from './count-includes.js';
import { stockOnHand, stockOnHandByProduct } from './on-hand.js';

const STORE = 'store-0042';
const PRODUCT = 'prod-milk-1l';
let idCounter = 0;
const nextId = () => `019aa5e0-5f3a-7000-8000-${(idCounter++).toString(16).padStart(12, '0')}`;

function movement(
  deviceId: string,
  deviceSequence: number,
  kind: StockFlowKind,
  quantity: number,
): StockFlowDoc {
  return {
    id: nextId(),
    storeId: STORE,
    productId: PRODUCT,
    kind,
    quantity,
    unit: 'unit',
    deviceId,
    deviceSequence,
    sourceId: '',
    reason: '',
    employeeId: 'emp-7',
    occurredAt: 1_763_900_000_000,
  };
}

/** A count by the handheld, which records nothing else, so each count takes the handheld's next sequence. */
let handheldSequence = 0;
function count(
  quantity: number,
  includes: CountedThrough[],
  at: { deviceId: string; deviceSequence: number } = {
    deviceId: 'handheld-1',
    deviceSequence: ++handheldSequence,
  },
): StockCountDoc {
  return {
    id: nextId(),
    storeId: STORE,
    productId: PRODUCT,
    kind: 'count',
    quantity,
    unit: 'unit',
    includes,
    deviceId: at.deviceId,
    deviceSequence: at.deviceSequence,
    sourceId: '',
    reason: 'cycle count',
    employeeId: 'emp-7',
    occurredAt: 1_763_900_000_000,
  };
}

const onHand = (ledger: StockMovementDoc[]) => expectOk(stockOnHand(STORE, PRODUCT, ledger)).quantity;

describe('stock on hand', () => {
  it('sums concurrent offline sales from several lanes exactly', () => {
    const docs = [
      movement('backroom', 1, 'receipt', 48),
      movement('lane-1', 1, 'sale', 2),
      movement('lane-2', 1, 'sale', 1),
      movement('lane-1', 2, 'sale', 3),
      movement('lane-3', 1, 'return', 1),
      movement('lane-2', 2, 'waste', 4),
    ];
    for (const d of docs) expect(validateDocument('stock_movements', d).ok).toBe(true);
    expect(onHand(docs)).toBe(48 - 2 - 1 - 3 + 1 - 4);
  });

  it('starts from the last count and adds only what the count does not include', () => {
    const early = [movement('backroom', 1, 'receipt', 48), movement('lane-1', 1, 'sale', 2)];
    const late = [movement('lane-1', 2, 'sale', 5), movement('backroom', 2, 'receipt', 12)];
    // The shelf held 45, not 46: one pack went missing. The count is the truth from then on.
    const c = count(45, countIncludesNow(early));
    expect(validateDocument('stock_movements', c).ok).toBe(true);
    const result = expectOk(stockOnHand(STORE, PRODUCT, [...late, c, ...early]));
    expect(result).toMatchObject({ quantity: 45 - 5 + 12, countId: c.id, movementsApplied: 2 });
  });

  it('gets a count right when an offline lane’s earlier sales arrive after it', () => {
    const received = [movement('backroom', 1, 'receipt', 30), movement('lane-2', 1, 'sale', 1)];
    // Lane 1 is cut off from the edge; its three sales already left the shelf before the count.
    const inFlight = [
      movement('lane-1', 1, 'sale', 1),
      movement('lane-1', 2, 'sale', 2),
      movement('lane-1', 3, 'sale', 3),
    ];
    const includes = countIncludesNow(received, [{ deviceId: 'lane-1', deviceSequence: 3 }]);
    expect(includes).toEqual([
      { deviceId: 'backroom', deviceSequence: 1 },
      { deviceId: 'lane-1', deviceSequence: 3 },
      { deviceId: 'lane-2', deviceSequence: 1 },
    ]);
    const c = count(23, includes);
    const afterCount = movement('lane-1', 4, 'sale', 2);
    expect(onHand([...received, c])).toBe(23);
    expect(onHand([c, ...received, afterCount])).toBe(21);
    expect(onHand([...received, afterCount, c, ...inFlight])).toBe(21);
  });

  it('replaying a movement or a count never counts it twice', () => {
    const m = movement('lane-1', 1, 'sale', 2);
    expect(onHand([m, m, { ...m }])).toBe(-2);
    const c = count(10, []);
    expect(onHand([m, c, m, c])).toBe(8);
  });

  it('flags two counts that did not know about each other and picks the one reflecting more', () => {
    const a = movement('lane-1', 1, 'sale', 1);
    const b = movement('lane-2', 1, 'sale', 1);
    const c1 = count(10, [{ deviceId: 'lane-1', deviceSequence: 1 }]);
    const c2 = count(11, [
      { deviceId: 'lane-2', deviceSequence: 1 },
      { deviceId: 'backroom', deviceSequence: 0 },
    ]);
    const c3 = count(9, [
      { deviceId: 'lane-1', deviceSequence: 1 },
      { deviceId: 'lane-2', deviceSequence: 1 },
    ]);
    // Same total of marks: the tie goes to the larger id, the same on every device.
    const [smaller, larger] = [c1.id, c2.id].sort();
    expect(expectOk(stockOnHand(STORE, PRODUCT, [a, b, c1, c2]))).toMatchObject({
      countId: larger,
      concurrentCountIds: [smaller],
    });
    expect(expectOk(stockOnHand(STORE, PRODUCT, [c2, a, c3, b, c1]))).toMatchObject({
      quantity: 9,
      countId: c3.id,
      concurrentCountIds: [],
    });
  });

  it('refuses a product recorded both in pieces and in grams', () => {
    const m = movement('lane-1', 1, 'sale', 2);
    expect(stockOnHand(STORE, PRODUCT, [m, { ...m, id: nextId(), unit: 'gram' }])).toMatchObject({
      ok: false,
      reason: 'unit-mismatch',
    });
  });

  it('refuses a count in grams of a product moved in pieces', () => {
    const m = movement('lane-1', 1, 'sale', 2);
    expect(stockOnHand(STORE, PRODUCT, [m, { ...count(500, []), unit: 'gram' }])).toMatchObject({
      ok: false,
      reason: 'unit-mismatch',
    });
  });

  it('lets a device that records flows also count: the count takes its place in that device’s sequence', () => {
    const receipt = movement('backroom', 1, 'receipt', 24);
    const sale = movement('lane-1', 1, 'sale', 2);
    // The backroom device counts after its receipt: its own mark is the line before the count.
    const c = count(21, countIncludesNow([receipt, sale]), { deviceId: 'backroom', deviceSequence: 2 });
    expect(validateDocument('stock_movements', c).ok).toBe(true);
    const later = movement('backroom', 3, 'receipt', 6);
    const result = expectOk(stockOnHand(STORE, PRODUCT, [later, c, sale, receipt]));
    expect(result).toMatchObject({ quantity: 27, countId: c.id, movementsApplied: 1 });
  });

  it('groups a whole ledger by store and product', () => {
    const m1 = movement('lane-1', 1, 'receipt', 5);
    const m2 = { ...movement('lane-1', 2, 'receipt', 7), productId: 'prod-bread' };
    const m3 = { ...movement('lane-9', 1, 'sale', 1), storeId: 'store-0007' };
    const c = { ...count(3, [{ deviceId: 'lane-1', deviceSequence: 1 }]), productId: 'prod-bread' };
    const all = stockOnHandByProduct([m1, c, m2, m3]).map((r) => expectOk(r));
    expect(all.map((r) => [r.storeId, r.productId, r.quantity])).toEqual([
      ['store-0007', PRODUCT, -1],
      [STORE, 'prod-bread', 3 + 7],
      [STORE, PRODUCT, 5],
    ]);
  });
});

/**
 * Model: a store's shelf, devices recording movements one after another, and counts whose marks are the
 * devices' latest sequences at that moment (as the lanes report them). Whatever order the documents reach
 * the place that computes on hand, with replays, the answer equals the shelf.
 */
const DEVICES = ['lane-1', 'lane-2', 'lane-3', 'backroom'] as const;
const KINDS: StockFlowKind[] = ['sale', 'return', 'receipt', 'transfer-in', 'transfer-out', 'waste'];
const COUNTERS = ['handheld-1', ...DEVICES] as const;
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      device: fc.constantFrom(...DEVICES),
      kind: fc.constantFrom(...KINDS),
      quantity: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      counter: fc.constantFrom(...COUNTERS),
      countShrinkage: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

type Step =
  | { device: (typeof DEVICES)[number]; kind: StockFlowKind; quantity: number }
  | { counter: (typeof COUNTERS)[number]; countShrinkage: number };

function simulate(steps: Step[]) {
  let shelf = 0;
  const sequences = new Map<string, number>();
  const ledger: StockMovementDoc[] = [];
  const next = (deviceId: string) => {
    const sequence = (sequences.get(deviceId) ?? 0) + 1;
    sequences.set(deviceId, sequence);
    return sequence;
  };
  for (const step of steps) {
    if ('countShrinkage' in step) {
      // Theft or breakage the ledger never saw: the count reveals it. Counts share their device's sequence.
      shelf = Math.max(0, shelf - step.countShrinkage);
      const includes = [...sequences].map(([deviceId, deviceSequence]) => ({ deviceId, deviceSequence }));
      ledger.push(count(shelf, includes, { deviceId: step.counter, deviceSequence: next(step.counter) }));
      continue;
    }
    const kind =
      step.kind === 'sale' || step.kind === 'waste' || step.kind === 'transfer-out'
        ? shelf >= step.quantity
          ? step.kind
          : 'receipt'
        : step.kind;
    ledger.push(movement(step.device, next(step.device), kind, step.quantity));
    shelf += kind === 'sale' || kind === 'waste' || kind === 'transfer-out' ? -step.quantity : step.quantity;
  }
  return { shelf, ledger };
}

describe('stock ledger properties', () => {
  it('equals the shelf for every arrival order, with replays', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 60 }),
        fc.infiniteStream(fc.integer()),
        fc.array(fc.nat(), { maxLength: 10 }),
        (steps, shuffleKeys, replays) => {
          const { shelf, ledger } = simulate(steps);
          const docs = [...ledger];
          for (const r of replays) if (docs.length > 0) docs.push(docs[r % docs.length]!);
          const keys = [...shuffleKeys.take(docs.length)];
          const arrived = docs
            .map((d, i) => ({ d, k: keys[i]! }))
            .sort((a, b) => a.k - b.k)
            .map(({ d }) => d);
          expect(onHand(arrived)).toBe(shelf);
          expect(onHand(arrived)).toBe(onHand(ledger));
          // Every line the model writes is one the registry accepts.
          for (const line of ledger) expect(validateDocument('stock_movements', line).ok).toBe(true);
        },
      ),
    );
  });
});
