import { type PointsEntryDoc, type StockCountDoc, uuidv7 } from '@storefloor/core';
import type { DemoMember } from './demo-members.js';
import type { DemoProduct } from './demo-products.js';
import { hashText, SeededRandom } from './seeded-random.js';

export interface LedgerAuthor {
  readonly storeId: string;
  /** The device the seed enrolls to write the store's opening ledgers (transactions come from a device). */
  readonly deviceId: string;
  readonly employeeId: string;
  /** Epoch ms the stocktake and the opening balances are dated. */
  readonly at: number;
  readonly seed: number;
}

/**
 * Opening stock: one count per product (the ledger's checkpoint; on hand = last count + later flows). Ids
 * are UUIDv7s from the seeded PRNG, so a seed run again names the same lines and HQ stores them once.
 * Pieces for packaged goods, grams for goods sold by weight.
 */
export function demoOpeningStock(catalog: readonly DemoProduct[], author: LedgerAuthor): StockCountDoc[] {
  const random = new SeededRandom(author.seed ^ hashText(`${author.storeId}/stock`));
  return catalog.map((item, index) => {
    const weighed = item.product.unit === 'weight';
    return {
      id: uuidv7(author.at, (length) => random.bytes(length)),
      storeId: author.storeId,
      productId: item.product.id,
      kind: 'count',
      quantity: weighed ? random.int(5, 80) * 1000 : random.int(0, 10) === 0 ? 0 : random.int(6, 240),
      unit: weighed ? 'gram' : 'unit',
      includes: [],
      deviceId: author.deviceId,
      deviceSequence: index + 1,
      sourceId: 'demo-opening-stocktake',
      reason: 'opening stock',
      employeeId: author.employeeId,
      occurredAt: author.at,
    };
  });
}

/** Opening points balances: one 'points-adjusted' entry per member with points (an entry is never 0). */
export function demoOpeningPoints(members: readonly DemoMember[], author: LedgerAuthor): PointsEntryDoc[] {
  const random = new SeededRandom(author.seed ^ hashText(`${author.storeId}/points`));
  return members
    .filter((member) => member.points !== 0)
    .map((member) => ({
      id: uuidv7(author.at, (length) => random.bytes(length)),
      storeId: author.storeId,
      kind: 'points-adjusted',
      memberId: member.member.id,
      saleId: '',
      couponCode: '',
      points: member.points,
      deviceId: author.deviceId,
      employeeId: author.employeeId,
      createdAt: author.at,
    }));
}
