import { err, ok, type Result } from '@storefloor/core';
import { isSimDeviceKind, type SimDeviceSpec } from './sim-device.js';

export interface SimConfig {
  readonly devices: readonly SimDeviceSpec[];
}

/** Validates a parsed sim config file; the message names the offending field. */
export function parseSimConfig(input: unknown): Result<SimConfig, 'bad-config'> {
  if (
    typeof input !== 'object' ||
    input === null ||
    !Array.isArray((input as { devices?: unknown }).devices)
  ) {
    return err('bad-config', 'sim config needs a "devices" array');
  }
  const devices: SimDeviceSpec[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of (input as { devices: unknown[] }).devices.entries()) {
    const at = `devices[${index}]`;
    if (typeof raw !== 'object' || raw === null) return err('bad-config', `${at} must be an object`);
    const spec = raw as Record<string, unknown>;
    if (typeof spec.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(spec.id)) {
      return err('bad-config', `${at}.id must be lower-case letters, digits and dashes`);
    }
    if (seen.has(spec.id)) return err('bad-config', `${at}.id "${spec.id}" is used twice`);
    seen.add(spec.id);
    if (!isSimDeviceKind(spec.kind))
      return err('bad-config', `${at}.kind "${String(spec.kind)}" is not a device kind`);
    if (typeof spec.protocol !== 'string' || spec.protocol.length === 0) {
      return err('bad-config', `${at}.protocol must be a non-empty string`);
    }
    if (
      spec.station !== undefined &&
      (typeof spec.station !== 'string' || !/^[^\p{Cc}]{1,64}$/u.test(spec.station))
    ) {
      return err('bad-config', `${at}.station must be a text of 1-64 characters`);
    }
    if (spec.options !== undefined && (typeof spec.options !== 'object' || spec.options === null)) {
      return err('bad-config', `${at}.options must be an object`);
    }
    devices.push({
      id: spec.id,
      kind: spec.kind,
      protocol: spec.protocol,
      ...(typeof spec.station === 'string' ? { station: spec.station } : {}),
      ...(spec.options ? { options: spec.options as Record<string, unknown> } : {}),
    });
  }
  return ok({ devices });
}
