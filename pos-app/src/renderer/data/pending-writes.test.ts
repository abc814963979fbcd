import { describe, expect, it } from 'vitest';
import { PendingWrites } from './pending-writes.js';

class MemoryStorage {
  readonly #items = new Map<string, string>();
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#items.set(k, v);
  }
}

describe('pending writes of the lane', () => {
  it('counts sales apart from the audit entries and shifts written beside them, across a restart', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const pending = new PendingWrites(storage);
    pending.add('sales/s1');
    pending.add('audit_entries/a1');
    pending.add('shifts/sh1');
    pending.add('sales/s2');
    expect([pending.count.value, pending.sales.value]).toEqual([4, 2]);
    pending.remove('sales/s1');
    const restarted = new PendingWrites(storage);
    expect([restarted.count.value, restarted.sales.value]).toEqual([3, 1]);
  });
});
