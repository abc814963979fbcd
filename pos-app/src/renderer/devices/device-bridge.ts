import type { HostMessage } from '@storefloor/device-drivers/renderer';

/**
 * How the renderer reaches the lane device host: the same typed device messages whether they travel over
 * a WebSocket (browser) or Electron's preload bridge. `send` takes a host request (see device-drivers'
 * `HostRequest`); replies and device events arrive through `onMessage`.
 */
export interface DeviceBridge {
  send(request: unknown): void;
  onMessage(listener: (message: HostMessage) => void): () => void;
  /** Whether requests can be delivered now. */
  readonly connected: boolean;
  onConnection(listener: (connected: boolean) => void): () => void;
  close(): void;
}
