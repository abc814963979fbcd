import { err, ok, type Result } from '@storefloor/core';
import type { DeviceOptions } from '../device/device.js';
import { TransportDevice } from '../device/transport-device.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import type { ScaleFrameDecoder, ScaleProtocol } from './scale-protocol.js';
import type { ScaleCommand, ScaleCondition, ScaleFrame, StableWeight } from './stable-weight.js';

export interface ScaleDeviceOptions extends DeviceOptions {
  readonly protocol: ScaleProtocol;
  /** How often to ask for the weight while enabled (default 200 ms). */
  readonly pollIntervalMs?: number;
  /** How long to wait for one reply (default 500 ms). */
  readonly replyTimeoutMs?: number;
  /** Unanswered requests in a row before the scale is reported offline with `no-answer` (default 3). */
  readonly missedRepliesOffline?: number;
  /** Lightest weight handed on, in grams (default 1: an empty platter is not a weight). */
  readonly minGrams?: number;
  /** Heaviest weight handed on, in grams (default 15000, a typical POS scale's capacity). */
  readonly maxGrams?: number;
}

export type ReadWeightFailure = ScaleCondition | 'no-answer' | 'not-enabled' | 'write-failed';

/**
 * A POS weighing scale. While enabled it polls the weight; `data` carries a StableWeight each time a new
 * stable, in-range weight is read. Motion, over capacity and under zero are `status` events (health
 * online, reason = the condition). A bad frame is an `error` event; the decoder resynchronises.
 */
export class ScaleDevice extends TransportDevice<StableWeight> {
  readonly kind = 'scale' as const;
  readonly protocol: ScaleProtocol;
  readonly #decoder: ScaleFrameDecoder;
  readonly #pollIntervalMs: number;
  readonly #replyTimeoutMs: number;
  readonly #missedRepliesOffline: number;
  readonly #minGrams: number;
  readonly #maxGrams: number;
  #polling = false;
  #pollTimer: NodeJS.Timeout | undefined;
  #pending: { resolve: (frame: ScaleFrame | undefined) => void; timer: NodeJS.Timeout } | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #missed = 0;
  #lastHanded: number | undefined;

  constructor(options: ScaleDeviceOptions, transport: ByteTransport) {
    super(options, transport);
    this.protocol = options.protocol;
    this.#decoder = options.protocol.createDecoder();
    this.#pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 200);
    this.#replyTimeoutMs = positive('replyTimeoutMs', options.replyTimeoutMs ?? 500);
    this.#missedRepliesOffline = positive('missedRepliesOffline', options.missedRepliesOffline ?? 3);
    this.#minGrams = nonNegative('minGrams', options.minGrams ?? 1);
    this.#maxGrams = positive('maxGrams', options.maxGrams ?? 15_000);
  }

  /** Asks once for the weight; only a stable, in-range weight is ok. */
  readWeight(): Promise<Result<StableWeight, ReadWeightFailure>> {
    if (this.state !== 'enabled') return Promise.resolve(err('not-enabled', undefined, this.location()));
    return this.#serial(async () => {
      const frame = await this.#request('weigh');
      if (!frame.ok) return frame;
      return this.#judge(frame.value);
    });
  }

  zero(): Promise<Result<void, ReadWeightFailure>> {
    return this.#command('zero');
  }

  tare(): Promise<Result<void, ReadWeightFailure>> {
    return this.#command('tare');
  }

  /** Clears the tare (8217 `C`, NCI `C<CR>`): the scale goes back to gross weight. */
  clearTare(): Promise<Result<void, ReadWeightFailure>> {
    return this.#command('clear-tare');
  }

  protected override onConnected(): void {
    this.#decoder.reset();
    this.#missed = 0;
  }

  protected override onEnable(): void {
    this.#lastHanded = undefined;
    if (this.#polling) return;
    this.#polling = true;
    this.#schedulePoll(0);
  }

  protected override onDisable(): void {
    this.#polling = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#settle(undefined);
  }

  protected onBytes(bytes: Uint8Array): void {
    for (const decoded of this.#decoder.push(bytes)) {
      if (!decoded.ok) {
        this.emitError(decoded.detail === undefined ? { reason: decoded.reason } : decoded);
        continue;
      }
      this.#settle(decoded.value);
    }
  }

  #command(command: ScaleCommand): Promise<Result<void, ReadWeightFailure>> {
    if (this.state !== 'enabled') return Promise.resolve(err('not-enabled', undefined, this.location()));
    return this.#serial(async () => {
      if (!this.protocol.answers(command)) {
        const sent = await this.send(this.protocol.encode(command));
        return sent.ok ? ok(undefined) : err('write-failed', sent.detail, this.location());
      }
      const frame = await this.#request(command);
      if (!frame.ok) return frame;
      if (frame.value.type === 'condition' && refuses(command, frame.value.condition)) {
        return err(frame.value.condition, undefined, this.location());
      }
      return ok(undefined);
    });
  }

  #schedulePoll(delay: number): void {
    if (!this.#polling) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = undefined;
      void this.#serial(async () => {
        if (!this.#polling) return;
        const frame = await this.#request('weigh');
        if (frame.ok) this.#judge(frame.value);
      }).then(() => this.#schedulePoll(this.#pollIntervalMs));
    }, delay);
  }

  /** Decides what a frame means for a sale and reports it: data for a new stable weight, status otherwise. */
  #judge(frame: ScaleFrame): Result<StableWeight, ReadWeightFailure> {
    const path = this.location();
    if (frame.type === 'condition') {
      this.#lastHanded = undefined;
      this.setStatus({ health: 'online', reason: frame.condition, path });
      return err(frame.condition, undefined, path);
    }
    if (frame.grams > this.#maxGrams) {
      this.#lastHanded = undefined;
      this.setStatus({ health: 'online', reason: 'over-capacity', path });
      return err('over-capacity', `${frame.grams} g is over ${this.#maxGrams} g`, path);
    }
    if (frame.grams < this.#minGrams) {
      this.#lastHanded = undefined;
      this.setStatus({ health: 'online', reason: 'no-weight', path });
      return err('no-weight', undefined, path);
    }
    this.setStatus({ health: 'online', path });
    const weight: StableWeight = { grams: frame.grams, net: frame.net };
    if (this.#lastHanded !== frame.grams) {
      this.#lastHanded = frame.grams;
      this.emitData(weight);
    }
    return ok(weight);
  }

  async #request(command: ScaleCommand): Promise<Result<ScaleFrame, 'no-answer' | 'write-failed'>> {
    const path = this.location();
    const reply = new Promise<ScaleFrame | undefined>((resolve) => {
      const timer = setTimeout(() => this.#settle(undefined), this.#replyTimeoutMs);
      this.#pending = { resolve, timer };
    });
    const sent = await this.send(this.protocol.encode(command));
    if (!sent.ok) {
      this.#settle(undefined);
      return err('write-failed', sent.detail, path);
    }
    const frame = await reply;
    if (frame === undefined) {
      this.#missed += 1;
      if (this.#missed >= this.#missedRepliesOffline && this.connected) {
        this.setStatus({
          health: 'offline',
          reason: 'no-answer',
          path,
          detail: `${this.#missed} requests unanswered`,
        });
      }
      return err('no-answer', undefined, path);
    }
    this.#missed = 0;
    return ok(frame);
  }

  #settle(frame: ScaleFrame | undefined): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(frame);
  }

  /** One request on the line at a time: the poll loop and one-shot calls take turns. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Whether a status after a command says it was not done. "Outside zero capture range" only refuses a zero:
 * a tare or clear-tare with a load on the platter is answered with that bit set (8217 status bit 3).
 */
function refuses(command: ScaleCommand, condition: ScaleCondition): boolean {
  if (condition === 'no-weight') return false;
  return !(condition === 'outside-zero-capture' && command !== 'zero');
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`scale option "${name}" must be > 0, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`scale option "${name}" must be >= 0, got ${value}`);
  return value;
}
