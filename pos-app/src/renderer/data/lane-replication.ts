import { type CollectionName, collectionNames, collections, type ReplicationCheckpoint } from '@storefloor/core';
import {
  type RefusedDocument,
  replicateStorefloorCollection,
  type StorefloorReplicationState,
} from '@storefloor/sync-client';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject } from 'rxjs';
import type { LaneDatabase } from './lane-database.js';
import { PendingWrites } from './pending-writes.js';
import { wakingStreamFetch } from './synthetic-stream-fetch.js';
import { FIRST_PULL_DONE } from '../perf/load-marks.js';

export interface LaneSyncOptions {
  readonly db: LaneDatabase;
  /** The upstream's base URL (HQ or the edge agent), as the renderer reaches it. */
  readonly url: string;
  readonly token: string;
  /**
   * This lane's device id: a document of another device (pulled here) is never pushed back, even when a
   * crash between RxDB's two writes left it looking like a local change (the upstream would refuse the
   * whole push for it, and RxDB retry that push forever).
   */
  readonly deviceId?: string;
  /** How often every collection pulls again; default 3000 ms. */
  readonly pullEveryMs?: number;
  /** How often the link is checked; default 2000 ms. */
  readonly healthEveryMs?: number;
  readonly storage?: Storage;
}

/** The lane's documents its upstream refused for good (parked by sync-client, kept in the replica). */
export interface RefusedWrites {
  /** Of those, the sales and returns (what the status bar counts first). */
  readonly sales: number;
  readonly total: number;
}

export interface LoadProgress {
  readonly collectionsDone: number;
  readonly collectionsTotal: number;
  readonly documents: number;
}

/**
 * Replication of every lane collection with one upstream. Master data is pulled only; the lane's own
 * transactions are pushed (the server refuses the rest anyway). `online` follows the link's health check,
 * `pending` counts the lane's writes the upstream has not acknowledged yet (kept across restarts).
 */
export class LaneSync {
  readonly online = new BehaviorSubject<boolean>(false);
  readonly progress = new BehaviorSubject<LoadProgress>({ collectionsDone: 0, collectionsTotal: 0, documents: 0 });
  readonly pending: PendingWrites;
  readonly refused = new BehaviorSubject<RefusedWrites>({ sales: 0, total: 0 });
  /** Who the upstream is, from its health answer (HQ's names its database, the edge agent's does not). */
  readonly upstream = new BehaviorSubject<'hq' | 'store'>('hq');
  readonly #refusedBy = new Map<CollectionName, readonly RefusedDocument[]>();
  readonly #states: StorefloorReplicationState<unknown>[] = [];
  readonly #timers: ReturnType<typeof setInterval>[] = [];
  readonly #options: LaneSyncOptions;

  constructor(options: LaneSyncOptions) {
    this.#options = options;
    this.pending = new PendingWrites(options.storage ?? globalThis.localStorage);
  }

  /** Starts every replication; resolves when the master data has been pulled once (first load). */
  async start(): Promise<void> {
    const { db, url, token, deviceId } = this.#options;
    // A pull or push that reached the upstream says the link is up at once, without waiting for the check.
    const waking = wakingStreamFetch(undefined, (reached) => {
      if (reached !== this.online.value) this.online.next(reached);
    });
    const names = collectionNames;
    let done = 0;
    let documents = 0;
    this.progress.next({ collectionsDone: 0, collectionsTotal: names.length, documents: 0 });
    const initial: Promise<void>[] = [];
    for (const name of names) {
      const master = collections[name].kind === 'master';
      const state = replicateStorefloorCollection({
        collection: db[name] as never,
        url,
        token,
        pullOnly: master,
        ...(deviceId === undefined ? {} : { deviceId }),
        // A first load of 100,000 products is 50 pulls per collection at 2000, not 200 at 500.
        batchSize: master ? 2000 : 500,
        retryTime: 1000,
        waitForLeadership: false,
        backoff: { initialMs: 500, maxMs: 5000 },
        fetch: waking.fetch,
      });
      this.#states.push(state);
      if (!master) state.refused$.subscribe((parked) => this.#countRefused(name, parked));
      state.received$.subscribe(() => {
        documents += 1;
        this.progress.next({ collectionsDone: done, collectionsTotal: names.length, documents });
      });
      if (!master) this.#trackPushes(name, state);
      initial.push(
        state.awaitInitialReplication().then(() => {
          done += 1;
          this.progress.next({ collectionsDone: done, collectionsTotal: names.length, documents });
        }),
      );
    }
    this.#timers.push(setInterval(() => waking.wake(), this.#options.pullEveryMs ?? 3000));
    const check = async () => {
      const was = this.online.value;
      const now = await this.#healthy();
      if (now !== was) this.online.next(now);
      if (now && !was) {
        waking.wake();
        for (const s of this.#states) {
          s.reSync();
          // The upstream may have been fixed meanwhile (a limit raised, a schema deployed): try the parked
          // documents again; those still refused stay parked and counted.
          void s.retryRefused().catch(() => undefined);
        }
      }
    };
    void check();
    this.#timers.push(setInterval(() => void check(), this.#options.healthEveryMs ?? 2000));
    await Promise.all(initial);
    performance.mark(FIRST_PULL_DONE);
  }

  /** Records a local write of the lane's own document so the screen can count it until it is pushed. */
  wrote(collection: CollectionName, id: string): void {
    this.pending.add(`${collection}/${id}`);
  }

  async #healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.#options.url.replace(/\/+$/, '')}/healthz`, {
        signal: AbortSignal.timeout(1500),
        cache: 'no-store',
      });
      if (response.ok) {
        const body = (await response.json().catch(() => ({}))) as { database?: unknown };
        const upstream = body.database === undefined ? 'store' : 'hq';
        if (upstream !== this.upstream.value) this.upstream.next(upstream);
      }
      return response.ok;
    } catch {
      return false;
    }
  }

  #countRefused(name: CollectionName, parked: readonly RefusedDocument[]): void {
    this.#refusedBy.set(name, parked);
    let total = 0;
    for (const list of this.#refusedBy.values()) total += list.length;
    this.refused.next({ sales: this.#refusedBy.get('sales')?.length ?? 0, total });
  }

  #trackPushes(name: CollectionName, state: RxReplicationState<unknown, ReplicationCheckpoint>): void {
    state.sent$.subscribe((doc) => {
      const id = (doc as { id?: unknown }).id;
      if (typeof id === 'string') this.pending.remove(`${name}/${id}`);
    });
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    await Promise.all(this.#states.map((s) => s.cancel()));
  }
}
