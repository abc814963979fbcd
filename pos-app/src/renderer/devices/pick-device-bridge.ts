import type { DeviceBridge } from './device-bridge.js';
import { ElectronDeviceBridge, type PreloadDeviceApi } from './electron-device-bridge.js';
import { WsDeviceBridge } from './ws-device-bridge.js';

/** Electron's preload bridge when the page runs in the Electron shell, else the lane host's WebSocket. */
export function pickDeviceBridge(deviceHostUrl: string | undefined): DeviceBridge {
  const preload = (globalThis as { storefloorDevices?: PreloadDeviceApi }).storefloorDevices;
  if (preload) return new ElectronDeviceBridge(preload);
  if (!deviceHostUrl) throw new Error('no device host: neither the Electron bridge nor deviceHostUrl is set');
  return new WsDeviceBridge(deviceHostUrl);
}
