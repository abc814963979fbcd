import type { HostMessage } from '@storefloor/device-drivers/renderer';
import type { DeviceBridge } from './device-bridge.js';

/** The device bridge over the lane host's WebSocket; reconnects when the host restarts. */
export class WsDeviceBridge implements DeviceBridge {
  readonly #url: string;
  readonly #listeners = new Set<(message: HostMessage) => void>();
  readonly #connection = new Set<(connected: boolean) => void>();
  readonly #queue: string[] = [];
  #socket: WebSocket | undefined;
  #closed = false;
  #retryMs = 250;

  constructor(url: string) {
    this.#url = url;
    this.#open();
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  #open(): void {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#retryMs = 250;
      for (const frame of this.#queue.splice(0)) socket.send(frame);
      for (const l of this.#connection) l(true);
    };
    socket.onmessage = (event) => {
      let message: HostMessage;
      try {
        message = JSON.parse(String(event.data)) as HostMessage;
      } catch {
        return;
      }
      for (const l of this.#listeners) l(message);
    };
    socket.onclose = () => {
      for (const l of this.#connection) l(false);
      if (this.#closed) return;
      setTimeout(() => this.#open(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 5000);
    };
  }

  send(request: unknown): void {
    const frame = JSON.stringify(request);
    if (this.connected) this.#socket!.send(frame);
    else this.#queue.push(frame);
  }

  onMessage(listener: (message: HostMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.#connection.add(listener);
    return () => this.#connection.delete(listener);
  }

  close(): void {
    this.#closed = true;
    this.#socket?.close();
  }
}
