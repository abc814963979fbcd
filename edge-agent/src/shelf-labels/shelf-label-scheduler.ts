import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  AccessPointQueue,
  DEFAULT_RETRY,
  type LabelAccessPoint,
  type PushReport,
  type RetryPolicy,
} from './access-point-queue.js';
import { type LabelClock, systemLabelClock } from './label-clock.js';
import type { LabelType } from './label-type.js';
import { labelTypeOf } from './label-type.js';
import { renderShelfLabelJpeg } from './render-shelf-label.js';
import type { ShelfLabelBindings } from './shelf-label-bindings.js';
import { type ShelfLabelContent, shelfLabelContent } from './shelf-label-content.js';
import { ShelfLabelLedger, type ShelfLabelMismatch, type ShelfLabelStatus } from './shelf-label-ledger.js';
import type { ShelfPriceSource } from './shelf-price-source.js';

/**
 * Rendering stays at most this many images ahead of an AP queue (while every queue has this many, the
 * renderer waits for one to shrink): the APs never run dry, and 10,000 images are not all held at once.
 */
const LOOKAHEAD_PER_AP = 32;
/** Rendering gives the event loop a turn this often, so uploads and answers run while labels render. */
const RENDER_SLICE_MS = 10;
/**
 * Push outcomes are written to the ledger this often (and before anything reads it): one commit per upload
 * was a synced write per label. A crash loses at most this much of "pushed", and such a label is sent again.
 */
const REPORT_FLUSH_MS = 100;

interface PushPlan {
  readonly mac: string;
  readonly content: ShelfLabelContent;
  readonly type: LabelType;
}

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
  /** Push outcomes not yet in the ledger: written in one transaction at the next turn (or before a read). */
  readonly #reports: Array<{ readonly apId: string; readonly report: PushReport; readonly at: number }> = [];
  #flushTimer: NodeJS.Timeout | undefined;

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
    if (this.#o.db.open) this.#flushReports();
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
    this.#flushReports();
  }

  /** Reads every AP's tag list (paged past 255 tags by the driver) into the ledger. */
  async pollTags(): Promise<void> {
    const at = this.#clock.now();
    // The APs are asked all at once (each answers its own list); the ledger takes each list in one commit.
    const lists = await Promise.all(
      [...this.#o.accessPoints].map(async ([apId, ap]) => ({ apId, listed: await ap.listTags() })),
    );
    this.#flushReports();
    for (const { apId, listed } of lists) {
      if (!listed.ok) continue;
      this.ledger.batch(() => {
        for (const tag of listed.value) {
          let homes = this.#tagHomes.get(tag.mac);
          if (!homes) {
            homes = new Set();
            this.#tagHomes.set(tag.mac, homes);
          }
          homes.add(apId);
          this.ledger.observe(apId, tag, at);
        }
      });
    }
  }

  labels(): ShelfLabelStatus[] {
    this.#flushReports();
    return this.ledger.all();
  }

  mismatches(): ShelfLabelMismatch[] {
    this.#flushReports();
    return this.ledger.mismatches();
  }

  async #refresh(productIds: readonly string[] | undefined): Promise<void> {
    if (this.#stopped) return;
    this.#flushReports();
    const now = this.#clock.now();
    const plans = this.ledger.batch(() => this.#plan(productIds, now));
    if (plans.length === 0) {
      this.#arm(now);
      return;
    }
    // Fresh baselines before pushing: an acknowledgement is a change from the tag's record now.
    await this.pollTags();
    // One image per (content version, label type): every label showing the same product at the same size
    // shares it. Rendering runs while the queues upload, a bounded way ahead of them.
    const rendered = new Map<string, Uint8Array>();
    const queues = [...this.#queues.values()];
    let slice = performance.now();
    for (const plan of this.#interleaved(plans)) {
      if (this.#stopped) return;
      if (queues.length > 0 && queues.every((q) => q.size >= LOOKAHEAD_PER_AP)) {
        await Promise.race(queues.map((q) => q.below(LOOKAHEAD_PER_AP)));
        slice = performance.now();
      }
      const key = `${plan.content.version}|${plan.type.id}`;
      let jpeg = rendered.get(key);
      if (!jpeg) {
        // Only the JPEG is kept: a label's bitmap is 150-480 kB, and 10,000 of them were gigabytes.
        jpeg = await renderShelfLabelJpeg(plan.content, plan.type);
        rendered.set(key, jpeg);
      }
      const homes = this.#tagHomes.get(plan.mac);
      for (const [apId, queue] of this.#queues) {
        if (homes && homes.size > 0 && !homes.has(apId)) continue;
        queue.enqueue({ mac: plan.mac, version: plan.content.version, jpeg, price: plan.content.price });
      }
      if (performance.now() - slice >= RENDER_SLICE_MS) {
        await nextTurn();
        slice = performance.now();
      }
    }
    this.#arm(now);
  }

  /** Writes what every label should show now (in the caller's transaction) and lists those to push. */
  #plan(productIds: readonly string[] | undefined, now: number): PushPlan[] {
    const bindings =
      productIds === undefined
        ? this.#o.bindings.all()
        : productIds.flatMap((id) => this.#o.bindings.forProduct(id));
    if (productIds !== undefined) {
      // Labels that were unbound from these products: forget them and drop their queued images.
      const ids = new Set(productIds);
      for (const status of this.ledger.all()) {
        if (!ids.has(status.productId)) continue;
        if (this.#o.bindings.forLabel(status.labelMac)?.productId === status.productId) continue;
        this.ledger.forget(status.labelMac);
        for (const q of this.#queues.values()) q.cancel(status.labelMac);
      }
    }
    const resendAfter = this.#o.resendAfterMs ?? 15 * 60_000;
    const plans: PushPlan[] = [];
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
      const inFlight = state?.pushedVersion === content.version && now - (state.pushedAt ?? 0) < resendAfter;
      if (!changed && (state?.shownVersion === content.version || inFlight)) continue;
      plans.push({ mac: binding.labelMac, content, type });
    }
    return plans;
  }

  /** The plans taken in turn from each AP's labels, so every AP has work from the first image on. */
  *#interleaved(plans: readonly PushPlan[]): Generator<PushPlan> {
    const byHome = new Map<string, PushPlan[]>();
    for (const plan of plans) {
      const home = this.#tagHomes.get(plan.mac)?.values().next().value ?? '';
      const list = byHome.get(home);
      if (list) list.push(plan);
      else byHome.set(home, [plan]);
    }
    const lists = [...byHome.values()];
    for (let i = 0; lists.some((l) => i < l.length); i++)
      for (const l of lists) if (i < l.length) yield l[i] as PushPlan;
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
    this.#reports.push({ apId, report, at: this.#clock.now() });
    if (!this.#flushTimer) {
      this.#flushTimer = setTimeout(() => this.#flushReports(), REPORT_FLUSH_MS);
      this.#flushTimer.unref?.();
    }
    this.#o.onPush?.(apId, report);
  }

  /** Writes the push outcomes reported since the last flush, in one transaction. */
  #flushReports(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#reports.length === 0) return;
    const reports = this.#reports.splice(0);
    this.ledger.batch(() => {
      for (const { apId, report, at } of reports) {
        const { job } = report;
        const state = this.ledger.get(job.mac);
        if (!state || state.wantedVersion !== job.version) continue;
        if (report.outcome === 'saved') this.ledger.pushed(job.mac, apId, job.version, job.price, at);
        else if (report.reason !== 'mac-not-found' || this.#tagHomes.get(job.mac)?.has(apId))
          this.ledger.failed(job.mac, `${apId}: ${report.reason}`);
      }
    });
  }
}
