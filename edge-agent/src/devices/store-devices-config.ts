import { readFileSync } from 'node:fs';
import { type DeviceConfig, parseDeviceConfig } from '@storefloor/device-drivers';

/** A client of the store's device host (a browser-only kiosk, a store service) and the sha-256 of its token. */
export interface DeviceHostClient {
  readonly id: string;
  readonly tokenSha256: string;
}

export interface StoreDevicesConfig {
  readonly devices: DeviceConfig['devices'];
  readonly clients: readonly DeviceHostClient[];
}

const CLIENT_KEYS = new Set(['id', 'tokenSha256']);

/**
 * Reads the store's device file: `{ "devices": [device-drivers DeviceSpec…], "clients": [{ "id", "tokenSha256" }] }`.
 * Any mistake fails the start with the file and the option named (`devices[2].kind: …`); tokens are stored as
 * their sha-256 only, so the file can be read by the service account without giving devices away.
 */
export function loadStoreDevicesConfig(file: string): StoreDevicesConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const record = (raw ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'devices' && key !== 'clients')
      throw new Error(`${file}: ${key}: is not an option of the device file`);
  }
  const devices = parseDeviceConfig({ devices: record.devices });
  if (!devices.ok) throw new Error(`${file}: ${devices.detail ?? devices.reason}`);
  if (!Array.isArray(record.clients)) throw new Error(`${file}: clients: must be an array`);
  const ids = new Set<string>();
  const clients: DeviceHostClient[] = [];
  for (const [index, client] of record.clients.entries()) {
    const at = `${file}: clients[${index}]`;
    if (typeof client !== 'object' || client === null) throw new Error(`${at}: must be an object`);
    for (const key of Object.keys(client))
      if (!CLIENT_KEYS.has(key)) throw new Error(`${at}.${key}: is not a client option`);
    const { id, tokenSha256 } = client as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
      throw new Error(`${at}.id: must be 1-64 letters, digits, dot, dash or underscore`);
    }
    if (ids.has(id)) throw new Error(`${at}.id: "${id}" is declared twice`);
    ids.add(id);
    if (typeof tokenSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(tokenSha256)) {
      throw new Error(`${at}.tokenSha256: must be the lower-case hex sha-256 of the client's token`);
    }
    clients.push({ id, tokenSha256 });
  }
  return { devices: devices.value.devices, clients };
}
