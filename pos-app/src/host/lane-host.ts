import type { AddressInfo } from 'node:net';
import {
  type DeviceConfig,
  DeviceHost,
  parseDeviceConfig,
  SCALE_COMMANDS,
  serveDeviceHostOverWs,
} from '@storefloor/device-drivers';
import { laneDriverCatalog } from './lane-driver-catalog.js';
import { PAYMENT_COMMANDS } from './payment-commands.js';
import { PRINTER_COMMANDS } from './printer-commands.js';

/**
 * The lane device host: the lane's scanner, scale, printer (with its drawer) and payment terminal driven by
 * device-drivers in this Node process, behind the one device message protocol. Electron's main process
 * builds the same host and carries the messages over IPC instead of WebSocket.
 */
export function createLaneDeviceHost(config: unknown): DeviceHost {
  const parsed = parseDeviceConfig(config);
  if (!parsed.ok) throw new TypeError(`lane device config: ${parsed.detail}`);
  return hostFor(parsed.value);
}

function hostFor(config: DeviceConfig): DeviceHost {
  const catalog = laneDriverCatalog();
  const host = new DeviceHost();
  for (const spec of config.devices) {
    const driver = catalog.create(spec);
    if (!driver.ok) throw new TypeError(`lane device config: ${driver.detail}`);
    host.add(driver.value);
  }
  for (const commands of [SCALE_COMMANDS, PRINTER_COMMANDS, PAYMENT_COMMANDS]) {
    for (const [name, command] of Object.entries(commands)) host.registerCommand(name, command);
  }
  return host;
}

export interface RunningLaneHost {
  readonly host: DeviceHost;
  /** ws://host:port/devices */
  readonly url: string;
  stop(): Promise<void>;
}

export interface LaneHostOptions {
  /** A device config as device-drivers' `parseDeviceConfig` reads it. */
  readonly devices: unknown;
  /** Default 0: a free port. */
  readonly port?: number;
  readonly host?: string;
}

/** Starts the lane host on a WebSocket for a browser renderer (tests, `npm start`). */
export async function startLaneHost(options: LaneHostOptions): Promise<RunningLaneHost> {
  const host = createLaneDeviceHost(options.devices);
  const listenHost = options.host ?? '127.0.0.1';
  const wss = serveDeviceHostOverWs(host, { port: options.port ?? 0, host: listenHost });
  await new Promise<void>((resolve, reject) => wss.once('listening', resolve).once('error', reject));
  const { port } = wss.address() as AddressInfo;
  return {
    host,
    url: `ws://${listenHost}:${port}/devices`,
    async stop() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await host.shutdown();
    },
  };
}
