import type { HostMessage } from '@storefloor/device-drivers/renderer';
import type { DeviceBridge } from './device-bridge.js';

/** What the Electron preload exposes on `window.storefloorDevices` (see src/electron/preload.ts). */
export interface PreloadDeviceApi {
  send(request: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

/** The device bridge over Electron's preload: the main process runs the lane host. Always connected. */
export class ElectronDeviceBridge implements DeviceBridge {
  readonly connected = true;
  readonly #api: PreloadDeviceApi;

  constructor(api: PreloadDeviceApi) {
    this.#api = api;
  }

  send(request: unknown): void {
    this.#api.send(request);
  }

  onMessage(listener: (message: HostMessage) => void): () => void {
    return this.#api.onMessage((m) => listener(m as HostMessage));
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    listener(true);
    return () => {};
  }

  close(): void {}
}
