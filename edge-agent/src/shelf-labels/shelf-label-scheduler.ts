import type Database from 'better-sqlite3';
import {
  AccessPointQueue,
  DEFAULT_RETRY,
  type LabelAccessPoint,
  type PushReport,
  type RetryPolicy,
} from './access-point-queue.js';
import { type LabelClock, systemLabelClock } from './label-clock.js';
import { labelTypeOf } from './label-type.js';
import { type RenderedShelfLabel, renderShelfLabel } from './render-shelf-label.js';
import type { ShelfLabelBindings } from './shelf-label-bindings.js';
import { shelfLabelContent } from './shelf-label-content.js';
import { ShelfLabelLedger, type ShelfLabelMismatch, type ShelfLabelStatus } from './shelf-label-ledger.js';
import type { ShelfPriceSource } from './shelf-price-source.js';

export interface ShelfLabelSchedulerOptions {
  readonly db: Database.Database;
  readonly bindings: ShelfLabelBindings;
  readonly source: ShelfPriceSource;
  /** Every access point the agent knows, by id. */
  readonly accessPoints: ReadonlyMap<string, LabelAccessPoint>;
  readonly clock?: LabelClock;
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Labels are re-evaluated at least this often (default 5 min) besides at each effective-dated change: it
   * catches promotion time windows, which `nextChangeAfter` does not list.
   */
  readonly recheckMs?: number;
  /** How often the AP tag lists are read for acknowledgements, battery and last seen (default 30 s). */
  readonly pollMs?: number;
  /**
   * A label that took an image but has not acknowledged it after this long (default 15 min) is sent the
   * image again at the next refresh: the AP keeps an unacknowledged image pending, and a tag that was out of
   * range or asleep picks it up when it is sent again.
   */
  readonly resendAfterMs?: number;
  /** Called after each push outcome (for logs and metrics). */
  readonly onPush?: (apId: string, report: PushReport) => void;
}

/**
 * Keeps every bound label showing what the register charges. It re-renders the labels of a product when its
 * price or promotion changes: when the hub says master data changed (an HQ import), and by itself at each
 * instant a price or promotion comes into force or ends (a timer on the injected clock, so also at midnight
 * with nobody pushing anything). Images go to every AP that lists the tag (every AP when none does yet), one
 * transfer at a time per AP. Acknowledgements, battery and last seen come from the APs' tag lists.
 */
export class ShelfLabelScheduler {
  readonly ledger: ShelfLabelLedger;
  readonly #o: ShelfLabelSchedulerOptions;
  readonly #clock: LabelClock;
  readonly #queues = new Map<string, AccessPointQueue>();
  /** Which APs listed each tag at the last poll. */
  readonly #tagHomes = new Map<string, Set<string>>();
  readonly #unsubscribe: Array<() => void> = [];
  #chain: Promise<void> = Promise.resolve();
  #timer: (() => void) | undefined;
  #poll: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: ShelfLabelSchedulerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemLabelClock;
    this.ledger = new ShelfLabelLedger(options.db);
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    for (const [apId, ap] of options.accessPoints)
      this.#queues.set(apId, new AccessPointQueue(apId, ap, (r) => this.#reported(apId, r), policy));
  }

  /** Subscribes to master data and binding changes, renders what is stale, and arms the timers. */
  start(): Promise<void> {
    this.#unsubscribe.push(this.#o.source.onChange((ids) => void this.refresh(ids)));
    this.#unsubscribe.push(this.#o.bindings.onChange((ids) => void this.refresh(ids)));
    const pollMs = this.#o.pollMs ?? 30_000;
    this.#poll = setInterval(() => void this.pollTags(), pollMs);
    this.#poll.unref?.();
    return this.refresh(undefined);
  }

  stop(): void {
    this.#stopped = true;
    for (const u of this.#unsubscribe.splice(0)) u();
    this.#timer?.();
    if (this.#poll) clearInterval(this.#poll);
    for (const q of this.#queues.values()) q.stop();
  }

  /**
   * Re-evaluates the labels of these products (all when undefined) at the clock's now; refreshes run one
   * after another, never two at once.
   */
  refresh(productIds: readonly string[] | undefined): Promise<void> {
    const next = this.#chain.then(() => this.#refresh(productIds));
    this.#chain = next.catch(() => {});
    return next;
  }

  /** Resolves when no refresh is running and every AP queue is empty. */
  async settled(): Promise<void> {
    await this.#chain;
    await Promise.all([...this.#queues.values()].map((q) => q.idle()));
  }

  /** Reads every AP's tag list (paged past 255 tags by the driver) into the ledger. */
  async pollTags(): Promise<void> {
    const at = this.#clock.now();
    for (const [apId, ap] of this.#o.accessPoints) {
      const listed = await ap.listTags();
      if (!listed.ok) continue;
      for (const tag of listed.value) {
        let homes = this.#tagHomes.get(tag.mac);
        if (!homes) {
          homes = new Set();
          this.#tagHomes.set(tag.mac, homes);
        }
        homes.add(apId);
        this.ledger.observe(apId, tag, at);
      }
    }
  }

  labels(): ShelfLabelStatus[] {
    return this.ledger.all();
  }

  mismatches(): ShelfLabelMismatch[] {
    return this.ledger.mismatches();
  }

  async #refresh(productIds: readonly string[] | undefined): Promise<void> {
    if (this.#stopped) return;
    const now = this.#clock.now();
    const bindings =
      productIds === undefined
        ? this.#o.bindings.all()
        : productIds.flatMap((id) => this.#o.bindings.forProduct(id));
    if (productIds !== undefined) {
      // Labels that were unbound from these products: forget them and drop their queued images.
      for (const status of this.ledger.all()) {
        if (!productIds.includes(status.productId)) continue;
        if (this.#o.bindings.forLabel(status.labelMac)?.productId === status.productId) continue;
        this.ledger.forget(status.labelMac);
        for (const q of this.#queues.values()) q.cancel(status.labelMac);
      }
    }
    const rendered = new Map<string, Promise<RenderedShelfLabel>>();
    let polled = false;
    for (const binding of bindings) {
      const offer = this.#o.source.offer(binding.productId, now);
      const type = labelTypeOf(binding.labelType);
      if (!offer || !type) {
        // No price the register would charge: nothing is drawn, and the label stays on the mismatch list.
        this.ledger.want(binding.labelMac, binding.productId, 'no-price', '', now);
        this.ledger.failed(binding.labelMac, offer ? 'unknown-label-type' : 'no-price');
        continue;
      }
      const content = shelfLabelContent(offer, now);
      const changed = this.ledger.want(
        binding.labelMac,
        binding.productId,
        content.version,
        content.price,
        now,
      );
      const state = this.ledger.get(binding.labelMac);
      const resendAfter = this.#o.resendAfterMs ?? 15 * 60_000;
      const inFlight = state?.pushedVersion === content.version && now - (state.pushedAt ?? 0) < resendAfter;
      if (!changed && (state?.shownVersion === content.version || inFlight)) continue;
      if (!polled) {
        // Fresh baselines before pushing: an acknowledgement is a change from the tag's record now.
        await this.pollTags();
        polled = true;
      }
      const key = `${content.version}|${type.id}`;
      let image = rendered.get(key);
      if (!image) {
        image = renderShelfLabel(content, type);
        rendered.set(key, image);
      }
      const { jpeg } = await image;
      const homes = this.#tagHomes.get(binding.labelMac);
      for (const [apId, queue] of this.#queues) {
        if (homes && homes.size > 0 && !homes.has(apId)) continue;
        queue.enqueue({ mac: binding.labelMac, version: content.version, jpeg, price: content.price });
      }
    }
    this.#arm(now);
  }

  /** The next instant anything may change by itself: the next effective date, or the periodic recheck. */
  #arm(now: number): void {
    this.#timer?.();
    if (this.#stopped) return;
    const recheck = now + (this.#o.recheckMs ?? 5 * 60_000);
    const change = this.#o.source.nextChangeAfter(now);
    const at = change !== undefined && change < recheck ? change : recheck;
    this.#timer = this.#clock.setTimer(at, () => void this.refresh(undefined));
  }

  #reported(apId: string, report: PushReport): void {
    const { job } = report;
    const state = this.ledger.get(job.mac);
    if (state && state.wantedVersion === job.version) {
      if (report.outcome === 'saved')
        this.ledger.pushed(job.mac, apId, job.version, job.price, this.#clock.now());
      else if (report.reason !== 'mac-not-found' || this.#tagHomes.get(job.mac)?.has(apId))
        this.ledger.failed(job.mac, `${apId}: ${report.reason}`);
    }
    this.#o.onPush?.(apId, report);
  }
}
