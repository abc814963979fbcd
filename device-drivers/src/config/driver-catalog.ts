import { err, ok, type Result } from '@storefloor/core';
import type { Device } from '../device/device.js';
import { MAGELLAN_SCI_LINE } from '../scale/magellan-sci-codec.js';
import { ScaleDevice } from '../scale/scale-device.js';
import { NCI, TOLEDO_8217 } from '../scale/scale-protocol.js';
import { ScannerScaleDevice } from '../scale/scanner-scale-device.js';
import { AimSerialDecoder } from '../scanner/aim-serial-codec.js';
import { HidPosDecoder } from '../scanner/hid-pos-decoder.js';
import { ScannerDevice } from '../scanner/scanner-device.js';
import { createTransport } from './create-transport.js';
import type { DeviceSpec } from './device-config.js';

/** Builds a driver from a validated spec; throws TypeError naming an option the driver rejects. */
export type DriverFactory = (spec: DeviceSpec) => Device<unknown>;

function numberOption(spec: DeviceSpec, name: string): number | undefined {
  const value = spec.options?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new TypeError(`device ${spec.id}: option "${name}" must be a number`);
  return value;
}

function needTransport(spec: DeviceSpec, allowed: readonly string[]) {
  if (!allowed.includes(spec.transport)) {
    throw new TypeError(
      `device ${spec.id}: protocol "${spec.protocol}" needs transport ${allowed.join(' or ')}`,
    );
  }
}

/** Drivers by `kind/protocol`. Other areas register theirs with `register`. */
export class DriverCatalog {
  readonly #factories = new Map<string, DriverFactory>();

  register(kind: string, protocol: string, factory: DriverFactory): this {
    this.#factories.set(`${kind}/${protocol}`, factory);
    return this;
  }

  keys(): string[] {
    return [...this.#factories.keys()];
  }

  /** A driver for the spec, or `unsupported-device` / `bad-config` naming what is wrong. */
  create(spec: DeviceSpec): Result<Device<unknown>, 'unsupported-device' | 'bad-config'> {
    const factory = this.#factories.get(`${spec.kind}/${spec.protocol}`);
    if (!factory) {
      return err(
        'unsupported-device',
        `no driver for ${spec.kind} "${spec.protocol}" (known: ${this.keys().join(', ')})`,
      );
    }
    try {
      return ok(factory(spec));
    } catch (e) {
      if (e instanceof TypeError) return err('bad-config', e.message);
      throw e;
    }
  }
}

/** The scanner and scale drivers of this package. */
export function registerScannerAndScaleDrivers(catalog: DriverCatalog): DriverCatalog {
  return catalog
    .register('scanner', 'aim-serial', (spec) => {
      needTransport(spec, ['serial', 'tcp']);
      return new ScannerDevice({ id: spec.id }, createTransport(spec)!, new AimSerialDecoder());
    })
    .register('scanner', 'hid-pos', (spec) => {
      needTransport(spec, ['hid']);
      return new ScannerDevice({ id: spec.id }, createTransport(spec)!, new HidPosDecoder());
    })
    .register('scale', 'toledo-8217', (spec) => {
      needTransport(spec, ['serial', 'tcp']);
      return new ScaleDevice(
        { id: spec.id, protocol: TOLEDO_8217, ...scaleOptions(spec) },
        createTransport(spec, TOLEDO_8217.line)!,
      );
    })
    .register('scale', 'nci', (spec) => {
      needTransport(spec, ['serial', 'tcp']);
      return new ScaleDevice(
        { id: spec.id, protocol: NCI, ...scaleOptions(spec) },
        createTransport(spec, NCI.line)!,
      );
    })
    .register('scanner-scale', 'magellan-sci', (spec) => {
      needTransport(spec, ['serial']);
      const { missedRepliesOffline: _unused, ...options } = scaleOptions(spec);
      return new ScannerScaleDevice({ id: spec.id, ...options }, createTransport(spec, MAGELLAN_SCI_LINE)!);
    });
}

function scaleOptions(spec: DeviceSpec) {
  const known = ['pollIntervalMs', 'replyTimeoutMs', 'missedRepliesOffline', 'minGrams', 'maxGrams'];
  for (const key of Object.keys(spec.options ?? {})) {
    if (!known.includes(key))
      throw new TypeError(`device ${spec.id}: "${key}" is not a scale option (${known.join(', ')})`);
  }
  const out: Record<string, number> = {};
  for (const key of known) {
    const value = numberOption(spec, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
