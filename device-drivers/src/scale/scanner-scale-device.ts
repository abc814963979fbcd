import { err, ok, type Result } from '@storefloor/core';
import type { DeviceOptions } from '../device/device.js';
import { TransportDevice } from '../device/transport-device.js';
import { type BarcodeParser, readScannedCode, type ScannedBarcode } from '../scanner/scanned-barcode.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import { encodeSciCommand, MagellanSciDecoder } from './magellan-sci-codec.js';
import type { ReadWeightFailure } from './scale-device.js';
import type { ScaleFrame, StableWeight } from './stable-weight.js';

/** What a scanner-scale hands on: a scan, or a new stable weight. */
export type ScannerScaleReading =
  | { readonly type: 'scan'; readonly barcode: ScannedBarcode }
  | { readonly type: 'weight'; readonly weight: StableWeight };

export interface ScannerScaleDeviceOptions extends DeviceOptions {
  /** How often to ask the scale while enabled (default 200 ms). */
  readonly pollIntervalMs?: number;
  /** How long to wait for one scale reply (default 500 ms). */
  readonly replyTimeoutMs?: number;
  readonly minGrams?: number;
  readonly maxGrams?: number;
  readonly parse?: BarcodeParser;
}

/**
 * A Datalogic Magellan scanner-scale on one SCI serial line (the kind most lanes have). Scans arrive
 * unprompted and are `data` as they come; the scale is polled with `S14` and only a stable, in-range weight
 * becomes `data`. Motion, over capacity and under zero are `status` reasons, as for a plain scale.
 */
export class ScannerScaleDevice extends TransportDevice<ScannerScaleReading> {
  readonly kind = 'scanner-scale' as const;
  readonly #decoder = new MagellanSciDecoder();
  readonly #pollIntervalMs: number;
  readonly #replyTimeoutMs: number;
  readonly #minGrams: number;
  readonly #maxGrams: number;
  readonly #parse: BarcodeParser | undefined;
  #polling = false;
  #pollTimer: NodeJS.Timeout | undefined;
  #pending: Array<(frame: ScaleFrame | undefined) => void> = [];
  #lastHanded: number | undefined;

  constructor(options: ScannerScaleDeviceOptions, transport: ByteTransport) {
    super(options, transport);
    this.#pollIntervalMs = checked('pollIntervalMs', options.pollIntervalMs ?? 200, 1);
    this.#replyTimeoutMs = checked('replyTimeoutMs', options.replyTimeoutMs ?? 500, 1);
    this.#minGrams = checked('minGrams', options.minGrams ?? 1, 0);
    this.#maxGrams = checked('maxGrams', options.maxGrams ?? 15_000, 1);
    this.#parse = options.parse;
  }

  /** Asks once (`S11`); only a stable, in-range weight is ok. */
  async readWeight(): Promise<Result<StableWeight, ReadWeightFailure>> {
    if (this.state !== 'enabled') return err('not-enabled', undefined, this.location());
    const frame = await this.#ask('weigh');
    if (!frame.ok) return frame;
    return this.#judge(frame.value);
  }

  /** The good-read tone (`S334`), e.g. after the lane accepted an item. */
  async beep(): Promise<Result<void, 'write-failed'>> {
    const sent = await this.send(encodeSciCommand('beep'));
    return sent.ok ? ok(undefined) : err('write-failed', sent.detail, this.location());
  }

  protected override onConnected(): void {
    this.#decoder.reset();
  }

  protected override onEnable(): void {
    this.#lastHanded = undefined;
    if (this.#polling) return;
    this.#polling = true;
    this.#schedule(0);
  }

  protected override onDisable(): void {
    this.#polling = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    for (const resolve of this.#pending.splice(0)) resolve(undefined);
  }

  protected onBytes(bytes: Uint8Array): void {
    for (const message of this.#decoder.push(bytes)) {
      if (!message.ok) {
        this.emitError(message.detail === undefined ? { reason: message.reason } : message);
        continue;
      }
      if (message.value.type === 'scale') {
        this.#pending.shift()?.(message.value.frame);
        continue;
      }
      const read = readScannedCode(message.value.scan, this.#parse);
      if (read.ok) this.emitData({ type: 'scan', barcode: read.value });
      else this.emitError(read.detail === undefined ? { reason: read.reason } : read);
    }
  }

  #schedule(delay: number): void {
    if (!this.#polling) return;
    this.#pollTimer = setTimeout(async () => {
      this.#pollTimer = undefined;
      const frame = await this.#ask('status');
      if (frame.ok) this.#judge(frame.value);
      this.#schedule(this.#pollIntervalMs);
    }, delay);
  }

  async #ask(command: 'weigh' | 'status'): Promise<Result<ScaleFrame, 'no-answer' | 'write-failed'>> {
    const path = this.location();
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<ScaleFrame | undefined>((resolve) => {
      const settle = (frame: ScaleFrame | undefined) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.#pending.push(settle);
      timer = setTimeout(() => {
        this.#pending = this.#pending.filter((p) => p !== settle);
        resolve(undefined);
      }, this.#replyTimeoutMs);
    });
    const sent = await this.send(encodeSciCommand(command));
    if (!sent.ok) return err('write-failed', sent.detail, path);
    const frame = await reply;
    return frame === undefined ? err('no-answer', undefined, path) : ok(frame);
  }

  #judge(frame: ScaleFrame): Result<StableWeight, ReadWeightFailure> {
    const path = this.location();
    const refuse = (reason: ReadWeightFailure) => {
      this.#lastHanded = undefined;
      this.setStatus({ health: 'online', reason, path });
      return err(reason, undefined, path);
    };
    if (frame.type === 'condition') return refuse(frame.condition);
    if (frame.grams > this.#maxGrams) return refuse('over-capacity');
    if (frame.grams < this.#minGrams) return refuse('no-weight');
    this.setStatus({ health: 'online', path });
    const weight: StableWeight = { grams: frame.grams, net: frame.net };
    if (this.#lastHanded !== frame.grams) {
      this.#lastHanded = frame.grams;
      this.emitData({ type: 'weight', weight });
    }
    return ok(weight);
  }
}

function checked(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new TypeError(`scanner-scale option "${name}" must be >= ${min}, got ${value}`);
  }
  return value;
}
