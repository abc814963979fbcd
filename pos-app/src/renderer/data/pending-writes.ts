import { BehaviorSubject } from 'rxjs';

const KEY = 'storefloor.pending-writes';

/**
 * The lane's own documents written locally and not yet acknowledged by the upstream, as `collection/id`.
 * Kept in the browser's storage (lane-local state, not a replicated collection) so the count survives a
 * restart; the replication's push acknowledgement removes an entry.
 */
export class PendingWrites {
  readonly count: BehaviorSubject<number>;
  /** Of those, the sales and returns (what the status bar counts; audit entries and shifts wait silently). */
  readonly sales: BehaviorSubject<number>;
  readonly #ids: Set<string>;
  readonly #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
    let saved: unknown = [];
    try {
      saved = JSON.parse(storage.getItem(KEY) ?? '[]');
    } catch {
      saved = [];
    }
    this.#ids = new Set(Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : []);
    this.count = new BehaviorSubject(this.#ids.size);
    this.sales = new BehaviorSubject(this.#sales());
  }

  #sales(): number {
    let n = 0;
    for (const id of this.#ids) if (id.startsWith('sales/')) n++;
    return n;
  }

  add(key: string): void {
    this.#ids.add(key);
    this.#save();
  }

  remove(key: string): void {
    if (this.#ids.delete(key)) this.#save();
  }

  #save(): void {
    this.#storage.setItem(KEY, JSON.stringify([...this.#ids]));
    this.count.next(this.#ids.size);
    this.sales.next(this.#sales());
  }
}
