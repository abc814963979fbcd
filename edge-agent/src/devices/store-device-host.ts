import type { Server } from 'node:http';
import {
  DeviceHost,
  DriverCatalog,
  registerScannerAndScaleDrivers,
  serveDeviceHostOverWs,
} from '@storefloor/device-drivers';
import { hashToken } from '../lan/lane-registry.js';
import type { StoreDevicesConfig } from './store-devices-config.js';

export interface StoreDeviceHost {
  readonly host: DeviceHost;
  close(): Promise<void>;
}

/**
 * The store's own devices behind one device host (device-drivers' message protocol), offered over WebSocket at
 * `/devices` on the agent's LAN server. A client presents its token as `?token=` (browsers cannot set headers on
 * a WebSocket) or `Authorization: Bearer`; only the sha-256 listed in the device file is compared.
 */
export function startStoreDeviceHost(server: Server, config: StoreDevicesConfig): StoreDeviceHost {
  const catalog = registerScannerAndScaleDrivers(new DriverCatalog());
  const host = new DeviceHost();
  for (const [index, spec] of config.devices.entries()) {
    const device = catalog.create(spec);
    if (!device.ok) throw new Error(`devices[${index}] (${spec.id}): ${device.detail ?? device.reason}`);
    host.add(device.value);
  }
  const allowed = new Set(config.clients.map((client) => client.tokenSha256));
  const wss = serveDeviceHostOverWs(host, {
    server,
    path: '/devices',
    verifyClient: (request) => {
      const url = new URL(request.url ?? '/', 'http://agent');
      const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = header ?? url.searchParams.get('token') ?? '';
      return token.length > 0 && allowed.has(hashToken(token));
    },
  });
  return {
    host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
