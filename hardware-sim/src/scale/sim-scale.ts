import { err, ok, type Result } from '@storefloor/core';
import {
  encodeNciStatusReply,
  encodeNciWeightReply,
  encodeToledoStatusReply,
  encodeToledoWeightReply,
  type NciStatusFlag,
  type ToledoStatusFlag,
} from '@storefloor/device-drivers';
import { FaultSet } from '../fault-set.js';
import { lineNoise, wrongBaud } from '../line-noise.js';
import { SerialLine } from '../pty/serial-line.js';
import type { SimDevice, SimEndpoint } from '../sim-device.js';

export const SCALE_FAULTS = ['disconnected', 'moving', 'noise', 'wrong-baud', 'silent'] as const;

export type SimScaleProtocol = 'toledo-8217' | 'nci';

export interface SimScaleOptions {
  readonly id: string;
  readonly runDir: string;
  readonly protocol: SimScaleProtocol;
  readonly capacityGrams?: number;
}

/**
 * A POS scale on a real pty at 9600 baud that answers Toledo 8217 or NCI commands. The platter holds a
 * gross weight set through the control API; zero and tare move the reference like a real scale.
 */
export class SimScale implements SimDevice {
  readonly kind = 'scale' as const;
  readonly id: string;
  readonly protocol: SimScaleProtocol;
  readonly faultKinds: readonly string[] = SCALE_FAULTS;
  readonly #faults = new FaultSet(SCALE_FAULTS);
  readonly #line: SerialLine;
  readonly #capacity: number;
  #gross = 0;
  #stable = true;
  #zeroOffset = 0;
  #tare = 0;
  #pending = '';

  constructor(options: SimScaleOptions) {
    this.id = options.id;
    this.protocol = options.protocol;
    this.#capacity = options.capacityGrams ?? 15_000;
    this.#line = new SerialLine({ dir: options.runDir, name: options.id, baudRate: 9600 });
    this.#line.onData((bytes) => this.#onCommandBytes(bytes));
  }

  get faults(): readonly string[] {
    return this.#faults.list;
  }

  endpoint(): SimEndpoint {
    return { path: this.#line.devicePath };
  }

  start(): Promise<void> {
    return this.#line.connect();
  }

  stop(): Promise<void> {
    return this.#line.disconnect();
  }

  setWeight(grams: number, stable: boolean): Result<void> {
    if (!Number.isInteger(grams)) return err('bad-weight', 'grams must be an integer');
    if (typeof stable !== 'boolean') return err('bad-weight', 'stable must be a boolean');
    this.#gross = grams;
    this.#stable = stable;
    return ok(undefined);
  }

  injectFault(kind: string): Result<void> {
    const added = this.#faults.add(kind);
    if (!added.ok) return added;
    if (kind === 'disconnected') this.#line.plugInBackground(false);
    return ok(undefined);
  }

  clearFaults(): void {
    if (this.#faults.clear().includes('disconnected')) this.#line.plugInBackground(true);
  }

  #onCommandBytes(bytes: Uint8Array): void {
    for (const byte of bytes) {
      const char = String.fromCharCode(byte & 0x7f);
      if (this.protocol === 'toledo-8217') {
        void this.#answer(char);
      } else if (char === '\r') {
        void this.#answer(this.#pending);
        this.#pending = '';
      } else {
        this.#pending = (this.#pending + char).slice(-8);
      }
    }
  }

  async #answer(command: string): Promise<void> {
    if (this.#faults.has('silent')) return;
    let reply = this.#reply(command);
    if (reply === undefined) return;
    if (this.#faults.has('wrong-baud')) reply = wrongBaud(reply);
    if (this.#faults.has('noise')) reply = Uint8Array.from([...lineNoise(4), ...reply]);
    await this.#line.write(reply);
  }

  #reply(command: string): Uint8Array | undefined {
    const displayed = this.#gross - this.#zeroOffset - this.#tare;
    const moving = !this.#stable || this.#faults.has('moving');
    if (command === 'Z') {
      if (!moving) this.#zeroOffset = this.#gross - this.#tare;
      return this.protocol === 'nci' ? encodeNciStatusReply(this.#nciFlags(0, moving)) : undefined;
    }
    if (command === 'T') {
      if (!moving) this.#tare = this.#gross - this.#zeroOffset;
      return this.protocol === 'nci' ? encodeNciStatusReply(this.#nciFlags(0, moving)) : undefined;
    }
    if (command === 'C' && this.protocol === 'toledo-8217') {
      this.#tare = 0;
      return undefined;
    }
    if (command === 'S' && this.protocol === 'nci')
      return encodeNciStatusReply(this.#nciFlags(displayed, moving));
    if (command !== 'W') {
      return this.protocol === 'nci'
        ? Uint8Array.from([0x0a, 0x3f, 0x0d, 0x03])
        : encodeToledoStatusReply(['bad-command']);
    }
    if (this.protocol === 'nci') {
      const flags = this.#nciFlags(displayed, moving);
      return flags.length > 0 && !flags.every((f) => f === 'at-zero')
        ? encodeNciStatusReply(flags)
        : encodeNciWeightReply(displayed, flags);
    }
    const flags: ToledoStatusFlag[] = [];
    if (moving) flags.push('motion');
    if (displayed > this.#capacity) flags.push('over-capacity');
    if (displayed < 0) flags.push('under-zero');
    if (flags.length > 0) return encodeToledoStatusReply(flags);
    return encodeToledoWeightReply(displayed, this.#tare !== 0);
  }

  #nciFlags(displayed: number, moving: boolean): NciStatusFlag[] {
    const flags: NciStatusFlag[] = [];
    if (moving) flags.push('motion');
    if (displayed === 0) flags.push('at-zero');
    if (displayed < 0) flags.push('under-zero');
    if (displayed > this.#capacity) flags.push('over-capacity');
    return flags;
  }
}
