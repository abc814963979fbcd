import {
  type BaggingDecision,
  type BaggingPolicy,
  type BaggingState,
  baggingReading,
  baggingTick,
  DEFAULT_BAGGING_POLICY,
  itemScanned,
  itemWithdrawn,
  resolveIntervention,
  type ScannedItem,
  type ScanRefusal,
  startBaggingArea,
} from '@storefloor/core';
import { BehaviorSubject, Subject } from 'rxjs';
import type { LaneDevices } from '../devices/lane-devices.js';

/** A decision with the moment (performance.now) its stable reading reached the renderer. */
export interface TimedDecision {
  readonly decision: BaggingDecision;
  readonly readingAt: number;
}

/**
 * Feeds the kiosk's bagging scale into core's bagging model: a stable weight is a `data` event, motion a
 * `motion` status, an empty platter `no-weight`; an offline or overloaded scale counts as one that never
 * settles (an attendant comes). A clock
 * tick turns a late item or an unsettled scale into a decision.
 */
export class BaggingMonitor {
  readonly state: BehaviorSubject<BaggingState>;
  readonly decisions = new Subject<TimedDecision>();
  /** The last stable weight in the area, whether a shopper is at the kiosk or not. */
  readonly weight = new BehaviorSubject(0);
  readonly policy: BaggingPolicy;
  #lastStable = 0;
  #active = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #off: (() => void) | undefined;
  readonly #devices: LaneDevices;
  readonly #tickMs: number;

  constructor(devices: LaneDevices, policy: BaggingPolicy = DEFAULT_BAGGING_POLICY, tickMs = 200) {
    this.policy = policy;
    this.#devices = devices;
    this.#tickMs = tickMs;
    this.state = new BehaviorSubject(startBaggingArea(0));
    const initial = devices.status.get('bagging');
    if (initial?.reason === 'no-weight') this.#lastStable = 0;
  }

  /** Listens to the bagging scale and runs the clock (again after `stop`, as React's StrictMode does). */
  start(): void {
    if (this.#off) return;
    const devices = this.#devices;
    this.#off = devices.on({
      onBaggingWeight: (payload) => {
        const grams = (payload as { grams?: number }).grams;
        if (typeof grams === 'number') this.#reading(grams, true);
      },
      onStatus: (role, status) => {
        if (role !== 'bagging') return;
        if (status.reason === 'no-weight' || status.reason === 'under-zero') this.#reading(0, true);
        else if (
          status.reason === 'motion' ||
          status.reason === 'over-capacity' ||
          status.health === 'offline'
        )
          this.#reading(this.#lastStable, false);
      },
    });
    this.#timer = setInterval(
      () => this.#apply(baggingTick(this.state.value, Date.now(), this.policy), performance.now()),
      this.#tickMs,
    );
  }

  /** A new shopper: whatever lies in the area now is where this shopper starts. */
  begin(): void {
    this.#active = true;
    this.state.next(startBaggingArea(this.#lastStable));
  }

  end(): void {
    this.#active = false;
    this.state.next(startBaggingArea(this.#lastStable));
  }

  get active(): boolean {
    return this.#active;
  }

  scanned(item: ScannedItem): { ok: true } | { ok: false; reason: ScanRefusal } {
    const r = itemScanned(this.state.value, item);
    if (!r.ok) return r;
    this.state.next(r.state);
    return { ok: true };
  }

  withdrawn(lineId: string): void {
    this.state.next(itemWithdrawn(this.state.value, lineId));
  }

  resolve(answer: 'approve' | 'reject'): void {
    this.#apply(resolveIntervention(this.state.value, answer, Date.now(), this.policy), performance.now());
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#off?.();
    this.#off = undefined;
  }

  #reading(grams: number, stable: boolean): void {
    const readingAt = performance.now();
    if (stable) {
      this.#lastStable = grams;
      if (this.weight.value !== grams) this.weight.next(grams);
    }
    if (!this.#active) return;
    this.#apply(baggingReading(this.state.value, { grams, stable, at: Date.now() }, this.policy), readingAt);
  }

  #apply(step: { state: BaggingState; decision?: BaggingDecision }, readingAt: number): void {
    if (!this.#active) return;
    if (step.state !== this.state.value) this.state.next(step.state);
    if (step.decision) this.decisions.next({ decision: step.decision, readingAt });
  }
}
