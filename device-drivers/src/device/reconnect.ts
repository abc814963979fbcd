import type { Result } from '@storefloor/core';

export interface BackoffOptions {
  /** First wait after a lost link, in ms. */
  readonly initialMs: number;
  /** Longest wait between attempts, in ms. */
  readonly maxMs: number;
  /** Growth per failed attempt. */
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, factor: 2 };

/** The wait before attempt number `attempt` (0-based): exponential, capped. Pure. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const raw = options.initialMs * options.factor ** Math.max(0, attempt);
  return Math.min(options.maxMs, Math.round(raw));
}

/**
 * Retries `attempt` with exponential backoff until it succeeds or `stop()` is called.
 * Used when a device is unplugged: it reconnects by itself when plugged back.
 */
export class Reconnector {
  #timer: NodeJS.Timeout | undefined;
  #attempts = 0;
  #running = false;

  constructor(
    private readonly attempt: () => Promise<Result<void>>,
    private readonly hooks: {
      onFailure?: (failure: { reason: string; detail?: string }, attempts: number) => void;
      onSuccess?: (attempts: number) => void;
    } = {},
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  get running(): boolean {
    return this.#running;
  }

  get attempts(): number {
    return this.#attempts;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attempts = 0;
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (!this.#running) return;
    const delay = backoffDelay(this.#attempts, this.options);
    this.#timer = setTimeout(() => void this.#tick(), delay);
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    if (!this.#running) return;
    this.#attempts += 1;
    const result = await this.attempt();
    if (!this.#running) return;
    if (result.ok) {
      this.#running = false;
      this.hooks.onSuccess?.(this.#attempts);
      return;
    }
    this.hooks.onFailure?.(
      result.detail === undefined
        ? { reason: result.reason }
        : { reason: result.reason, detail: result.detail },
      this.#attempts,
    );
    this.#schedule();
  }
}
