import { type LearnedWeight, learnUnitWeight, unitWeightsSeen } from '@storefloor/core';
import type { LaneDatabase } from '../data/lane-database.js';

/**
 * Unit weights learned from what the store's kiosks saw bagged (their `bagging.item-bagged` audit entries
 * replicate to every device of the store), for products the catalog gives no weight.
 */
export class LearnedWeights {
  readonly #byProduct = new Map<string, LearnedWeight>();
  readonly #db: LaneDatabase;

  constructor(db: LaneDatabase) {
    this.#db = db;
  }

  async refresh(): Promise<void> {
    const docs = await this.#db.audit_entries.find({ selector: { action: 'bagging.item-bagged' } }).exec();
    const entries = docs.map(
      (d) => d.toJSON() as { action: string; facts: Record<string, string | number | boolean> },
    );
    const products = new Set(entries.map((e) => String(e.facts.productId ?? '')).filter((p) => p !== ''));
    this.#byProduct.clear();
    for (const productId of products) {
      const learned = learnUnitWeight(unitWeightsSeen(productId, entries));
      if (learned) this.#byProduct.set(productId, learned);
    }
  }

  of(productId: string): LearnedWeight | undefined {
    return this.#byProduct.get(productId);
  }
}
