import { DEVICES_CHANNEL, LANE_CONFIG_CHANNEL } from './channels.js';
import type { ElectronPreloadApi } from './electron-api.js';

/**
 * The whole preload: the device messages and the lane config, nothing else. No ipcRenderer, no Node API
 * reaches the page; the renderer sees `window.storefloorDevices` and `window.storefloorLane` only.
 */
export function exposeLaneBridge({ contextBridge, ipcRenderer }: ElectronPreloadApi): void {
  contextBridge.exposeInMainWorld('storefloorDevices', {
    send: (request: unknown) => ipcRenderer.send(DEVICES_CHANNEL, request),
    onMessage: (listener: (message: unknown) => void) => {
      const wrapped = (_event: unknown, message: unknown) => listener(message);
      ipcRenderer.on(DEVICES_CHANNEL, wrapped);
      return () => ipcRenderer.removeListener(DEVICES_CHANNEL, wrapped);
    },
  });
  contextBridge.exposeInMainWorld('storefloorLane', {
    config: () => ipcRenderer.invoke(LANE_CONFIG_CHANNEL),
  });
}
