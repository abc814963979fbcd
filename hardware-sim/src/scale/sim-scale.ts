import { err, ok, type Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import { lineNoise, wrongBaud } from '../line-noise.js';
import { SerialLine } from '../pty/serial-line.js';
import type { SimDevice, SimEndpoint } from '../sim-device.js';
import { NciResponder, type NciResponderOptions } from './nci-responder.js';
import { Platter } from './platter.js';
import { Toledo8217Responder } from './toledo-8217-responder.js';

export const SCALE_FAULTS = ['disconnected', 'moving', 'noise', 'wrong-baud', 'silent'] as const;

export type SimScaleProtocol = 'toledo-8217' | 'nci';

/** The device kind this simulator plays, named here so hardware-sim needs nothing from the drivers. */
export type SimScaleKind = 'scale';

export interface SimScaleOptions {
  readonly id: string;
  readonly runDir: string;
  readonly protocol: SimScaleProtocol;
  readonly capacityGrams?: number;
  /** NCI only: units, unit case, `S` status prefix, status byte count. */
  readonly nci?: NciResponderOptions;
}

/**
 * A POS scale on a real pty at 9600 baud that answers Toledo 8217 or NCI commands, each written from its
 * protocol document (see the responders). The platter holds a gross weight set through the control API;
 * zero and tare move the reference like a real scale.
 */
export class SimScale implements SimDevice {
  readonly kind: SimScaleKind = 'scale';
  readonly id: string;
  readonly protocol: SimScaleProtocol;
  readonly faultKinds: readonly string[] = SCALE_FAULTS;
  readonly #faults = new FaultSet(SCALE_FAULTS);
  readonly #line: SerialLine;
  readonly #platter: Platter;
  readonly #toledo: Toledo8217Responder;
  readonly #nci: NciResponder;

  constructor(options: SimScaleOptions) {
    this.id = options.id;
    this.protocol = options.protocol;
    this.#platter = new Platter(options.capacityGrams ?? 15_000);
    this.#toledo = new Toledo8217Responder(this.#platter);
    this.#nci = new NciResponder(this.#platter, options.nci);
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
    this.#platter.load(grams, stable);
    return ok(undefined);
  }

  injectFault(kind: string): Result<void> {
    const added = this.#faults.add(kind);
    if (!added.ok) return added;
    if (kind === 'disconnected') this.#line.plugInBackground(false);
    if (kind === 'moving') this.#platter.vibrating = true;
    return ok(undefined);
  }

  clearFaults(): void {
    const cleared = this.#faults.clear();
    this.#platter.vibrating = false;
    if (cleared.includes('disconnected')) this.#line.plugInBackground(true);
  }

  #onCommandBytes(bytes: Uint8Array): void {
    for (const byte of bytes) {
      // 7E1 line: the eighth bit is parity, not data.
      const character = String.fromCharCode(byte & 0x7f);
      if (this.protocol === 'toledo-8217') {
        for (const reply of this.#toledo.receive(character)) this.#send(reply.text, reply.delayMs ?? 0);
      } else {
        const reply = this.#nci.receive(character);
        if (reply !== undefined) this.#send(reply, 0);
      }
    }
  }

  #send(text: string, delayMs: number): void {
    if (this.#faults.has('silent')) return;
    let reply: Uint8Array = Uint8Array.from(text, (c) => c.charCodeAt(0));
    if (this.#faults.has('wrong-baud')) reply = wrongBaud(reply);
    if (this.#faults.has('noise')) reply = Uint8Array.from([...lineNoise(4), ...reply]);
    if (delayMs === 0) void this.#line.write(reply);
    else setTimeout(() => void this.#line.write(reply), delayMs);
  }
}
