import type { Result } from '@storefloor/core';
import type { ImageUploadOptions, ShelfLabelFailure, ShelfLabelTag } from '@storefloor/device-drivers';

/** What the scheduler needs of an access point; device-drivers' ShelfLabelAccessPoint is one. */
export interface LabelAccessPoint {
  pushLabelImage(
    mac: string,
    jpeg: Uint8Array,
    options?: ImageUploadOptions,
  ): Promise<Result<void, ShelfLabelFailure>>;
  listTags(): Promise<Result<ShelfLabelTag[], ShelfLabelFailure>>;
}

/** One image to put on one label. */
export interface LabelPushJob {
  readonly mac: string;
  readonly version: string;
  readonly jpeg: Uint8Array;
  /** The price the image shows, for the ledger ('12.90'). */
  readonly price: string;
}

export interface RetryPolicy {
  /** First wait after a failure (default 500 ms); doubled each further failure. */
  readonly baseMs: number;
  /** The longest wait (default 60 s): an AP offline for an hour is asked once a minute, no more. */
  readonly capMs: number;
  /** Answers that are not the AP's fault to be busy or away ('rejected') are tried this often (default 5). */
  readonly maxRejections: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 500, capMs: 60_000, maxRejections: 5 };

/** What became of a job: taken by the AP, given up, or failed and to be retried after `retryInMs`. */
export type PushReport =
  | { readonly job: LabelPushJob; readonly outcome: 'saved' }
  | { readonly job: LabelPushJob; readonly outcome: 'given-up'; readonly reason: ShelfLabelFailure }
  | {
      readonly job: LabelPushJob;
      readonly outcome: 'retrying';
      readonly reason: ShelfLabelFailure;
      readonly retryInMs: number;
    };

/** Failures that will not get better by asking the same AP again with the same image. */
const FINAL: ReadonlySet<ShelfLabelFailure> = new Set(['mac-not-found', 'invalid-mac', 'unsupported-image']);

/**
 * The uploads for one access point: one transfer at a time (an ESP32 AP serves one upload at once and
 * answers 409 while busy), first in first out, one job per label (a newer image for a label replaces the
 * queued one), and a failed head retried with capped exponential backoff while the rest wait behind it.
 */
export class AccessPointQueue {
  readonly #jobs = new Map<string, LabelPushJob>();
  readonly #idle: Array<() => void> = [];
  readonly #below: Array<{ readonly size: number; readonly resolve: () => void }> = [];
  #busy = false;
  #failures = 0;
  #rejections = 0;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    readonly apId: string,
    readonly ap: LabelAccessPoint,
    readonly report: (report: PushReport) => void,
    readonly policy: RetryPolicy = DEFAULT_RETRY,
    readonly upload: ImageUploadOptions = { dither: 0 },
  ) {}

  get size(): number {
    return this.#jobs.size;
  }

  enqueue(job: LabelPushJob): void {
    // Deleting first moves a replaced job to the back: the label waits its turn like any other.
    this.#jobs.delete(job.mac);
    this.#jobs.set(job.mac, job);
    this.#pump();
  }

  /** Drops a label's queued job (unbound). */
  cancel(mac: string): void {
    this.#jobs.delete(mac);
    this.#wakeProducers();
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.#jobs.size === 0 && !this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Resolves once fewer than `size` jobs are queued (or the queue stopped): for a producer to keep pace. */
  below(size: number): Promise<void> {
    if (this.#jobs.size < size || this.#stopped) return Promise.resolve();
    return new Promise((resolve) => this.#below.push({ size, resolve }));
  }

  stop(): void {
    this.#stopped = true;
    for (const w of this.#below.splice(0)) w.resolve();
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#jobs.clear();
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #wakeProducers(): void {
    for (let i = this.#below.length - 1; i >= 0; i--) {
      const w = this.#below[i] as { size: number; resolve: () => void };
      if (this.#jobs.size < w.size) {
        this.#below.splice(i, 1);
        w.resolve();
      }
    }
  }

  #pump(): void {
    if (this.#busy || this.#retry || this.#stopped) return;
    const job = this.#jobs.values().next().value as LabelPushJob | undefined;
    if (!job) {
      for (const resolve of this.#idle.splice(0)) resolve();
      return;
    }
    this.#busy = true;
    void this.#send(job);
  }

  async #send(job: LabelPushJob): Promise<void> {
    const result = await this.ap.pushLabelImage(job.mac, job.jpeg, this.upload);
    this.#busy = false;
    if (this.#stopped) return;
    // A newer image may have replaced this one meanwhile: its own turn will send it.
    const current = this.#jobs.get(job.mac) === job;
    if (
      result.ok ||
      FINAL.has(result.reason) ||
      (result.reason === 'rejected' && ++this.#rejections >= this.policy.maxRejections)
    ) {
      if (current) this.#jobs.delete(job.mac);
      this.#wakeProducers();
      this.#failures = 0;
      this.#rejections = 0;
      this.report(
        result.ok ? { job, outcome: 'saved' } : { job, outcome: 'given-up', reason: result.reason },
      );
      this.#pump();
      return;
    }
    this.#failures++;
    const retryInMs = Math.min(this.policy.capMs, this.policy.baseMs * 2 ** (this.#failures - 1));
    this.report({ job, outcome: 'retrying', reason: result.reason, retryInMs });
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#pump();
    }, retryInMs);
    this.#retry.unref?.();
  }
}
