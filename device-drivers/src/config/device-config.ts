import { err, ok, type Result } from '@storefloor/core';
import { type DeviceKind, isDeviceKind } from '../device/device-kind.js';
import { type Parity, STANDARD_BAUD_RATES } from '../transport/serial-transport.js';

export type TransportType = 'serial' | 'tcp' | 'hid' | 'http' | 'ws';

export interface SerialLineConfig {
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly parity?: Parity;
  readonly stopBits?: 1 | 1.5 | 2;
}

/** One device declared in a lane's or store's device config file. */
export interface DeviceSpec {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly transport: TransportType;
  /** Serial port or hidraw path (serial, hid). */
  readonly path?: string;
  /** `host:port` (tcp), a URL (http, ws), or `vvvv:pppp` USB ids (hid). */
  readonly address?: string;
  /** The wire protocol: `aim-serial`, `hid-pos`, `toledo-8217`, `nci`, `escpos`… */
  readonly protocol: string;
  readonly serial?: SerialLineConfig;
  /** Protocol-specific options, checked by the driver's factory. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface DeviceConfig {
  readonly devices: readonly DeviceSpec[];
}

export type ConfigError = 'bad-config';

const TRANSPORTS: readonly TransportType[] = ['serial', 'tcp', 'hid', 'http', 'ws'];
const PARITIES: readonly Parity[] = ['none', 'even', 'odd', 'mark', 'space'];
const KEYS = new Set(['id', 'kind', 'transport', 'path', 'address', 'protocol', 'serial', 'options']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(at: string, message: string): Result<never, ConfigError> {
  return err('bad-config', `${at}: ${message}`);
}

function parseSerial(at: string, raw: unknown): Result<SerialLineConfig | undefined, ConfigError> {
  if (raw === undefined) return ok(undefined);
  if (!isRecord(raw)) return fail(at, 'must be an object');
  for (const key of Object.keys(raw)) {
    if (!['baudRate', 'dataBits', 'parity', 'stopBits'].includes(key))
      return fail(`${at}.${key}`, 'is not a serial option');
  }
  if (raw.baudRate !== undefined && !STANDARD_BAUD_RATES.includes(raw.baudRate as number)) {
    return fail(
      `${at}.baudRate`,
      `${JSON.stringify(raw.baudRate)} is not one of ${STANDARD_BAUD_RATES.join(', ')}`,
    );
  }
  if (raw.dataBits !== undefined && ![5, 6, 7, 8].includes(raw.dataBits as number)) {
    return fail(`${at}.dataBits`, `${JSON.stringify(raw.dataBits)} is not 5, 6, 7 or 8`);
  }
  if (raw.parity !== undefined && !PARITIES.includes(raw.parity as Parity)) {
    return fail(`${at}.parity`, `${JSON.stringify(raw.parity)} is not one of ${PARITIES.join(', ')}`);
  }
  if (raw.stopBits !== undefined && ![1, 1.5, 2].includes(raw.stopBits as number)) {
    return fail(`${at}.stopBits`, `${JSON.stringify(raw.stopBits)} is not 1, 1.5 or 2`);
  }
  return ok(raw as SerialLineConfig);
}

function checkAddress(
  at: string,
  transport: TransportType,
  spec: Record<string, unknown>,
): Result<void, ConfigError> {
  const { path, address } = spec;
  if (path !== undefined && (typeof path !== 'string' || path.length === 0)) {
    return fail(`${at}.path`, 'must be a non-empty string');
  }
  if (address !== undefined && (typeof address !== 'string' || address.length === 0)) {
    return fail(`${at}.address`, 'must be a non-empty string');
  }
  switch (transport) {
    case 'serial':
      return path === undefined ? fail(`${at}.path`, 'is required for a serial device') : ok(undefined);
    case 'hid':
      if (path === undefined && address === undefined)
        return fail(`${at}.path`, 'or address (vvvv:pppp) is required for a HID device');
      if (address !== undefined && !/^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(address as string)) {
        return fail(`${at}.address`, `${JSON.stringify(address)} is not vendor:product in hex (0c2e:0b61)`);
      }
      return ok(undefined);
    case 'tcp': {
      const match = typeof address === 'string' ? /^(.+):(\d{1,5})$/.exec(address) : null;
      const port = Number(match?.[2]);
      if (!match || port < 1 || port > 65535) {
        return fail(`${at}.address`, `${JSON.stringify(address)} is not host:port`);
      }
      return ok(undefined);
    }
    case 'http':
    case 'ws': {
      const schemes = transport === 'http' ? ['http:', 'https:'] : ['ws:', 'wss:'];
      try {
        const url = new URL(String(address));
        if (!schemes.includes(url.protocol)) throw new Error('scheme');
        return ok(undefined);
      } catch {
        return fail(`${at}.address`, `${JSON.stringify(address)} is not a ${schemes.join(' or ')} URL`);
      }
    }
  }
}

/**
 * Validates a parsed device config file. The first problem is returned with the option's full path,
 * e.g. `devices[1].serial.baudRate: 9601 is not one of 1200, …`.
 */
export function parseDeviceConfig(input: unknown): Result<DeviceConfig, ConfigError> {
  if (!isRecord(input) || !Array.isArray(input.devices)) return fail('devices', 'must be an array');
  const devices: DeviceSpec[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of input.devices.entries()) {
    const at = `devices[${index}]`;
    if (!isRecord(raw)) return fail(at, 'must be an object');
    for (const key of Object.keys(raw))
      if (!KEYS.has(key)) return fail(`${at}.${key}`, 'is not a device option');
    if (typeof raw.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(raw.id)) {
      return fail(`${at}.id`, 'must be 1-64 letters, digits, dot, dash or underscore');
    }
    if (ids.has(raw.id)) return fail(`${at}.id`, `"${raw.id}" is declared twice`);
    ids.add(raw.id);
    if (!isDeviceKind(raw.kind))
      return fail(`${at}.kind`, `${JSON.stringify(raw.kind)} is not a device kind`);
    if (!TRANSPORTS.includes(raw.transport as TransportType)) {
      return fail(
        `${at}.transport`,
        `${JSON.stringify(raw.transport)} is not one of ${TRANSPORTS.join(', ')}`,
      );
    }
    const transport = raw.transport as TransportType;
    if (typeof raw.protocol !== 'string' || raw.protocol.length === 0) {
      return fail(`${at}.protocol`, 'must be a non-empty string');
    }
    const address = checkAddress(at, transport, raw);
    if (!address.ok) return address;
    if (raw.serial !== undefined && transport !== 'serial')
      return fail(`${at}.serial`, 'only applies to serial devices');
    const serial = parseSerial(`${at}.serial`, raw.serial);
    if (!serial.ok) return serial;
    if (raw.options !== undefined && !isRecord(raw.options))
      return fail(`${at}.options`, 'must be an object');
    devices.push({
      id: raw.id,
      kind: raw.kind,
      transport,
      protocol: raw.protocol,
      ...(raw.path === undefined ? {} : { path: raw.path as string }),
      ...(raw.address === undefined ? {} : { address: raw.address as string }),
      ...(serial.value === undefined ? {} : { serial: serial.value }),
      ...(raw.options === undefined ? {} : { options: raw.options as Record<string, unknown> }),
    });
  }
  return ok({ devices });
}
