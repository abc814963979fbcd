import { createConnection, type Socket } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import type { ByteTransport, TransportFailureReason } from './byte-transport.js';
import { classifyOpenError } from './classify-open-error.js';
import { TransportEvents } from './transport-events.js';

export interface TcpSettings {
  readonly host: string;
  readonly port: number;
  /** Give up connecting after this long, as `no-answer` (default 3000 ms). */
  readonly connectTimeoutMs?: number;
}

/** A raw TCP socket (ESC/POS on port 9100, a networked scale). */
export class TcpTransport extends TransportEvents implements ByteTransport {
  readonly path: string;
  #socket: Socket | undefined;

  constructor(private readonly settings: TcpSettings) {
    super();
    if (typeof settings.host !== 'string' || settings.host.length === 0) {
      throw new TypeError('tcp option "host" must be a non-empty string');
    }
    if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
      throw new TypeError(`tcp option "port" must be an integer 1-65535, got ${settings.port}`);
    }
    this.path = `tcp://${settings.host}:${settings.port}`;
  }

  get isOpen(): boolean {
    return this.#socket !== undefined && !this.#socket.destroyed;
  }

  open(): Promise<Result<void, TransportFailureReason>> {
    if (this.isOpen) return Promise.resolve(ok(undefined));
    this.closing = false;
    return new Promise((resolve) => {
      const socket = createConnection({ host: this.settings.host, port: this.settings.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(
          err('no-answer', `no connection within ${this.settings.connectTimeoutMs ?? 3000} ms`, this.path),
        );
      }, this.settings.connectTimeoutMs ?? 3000);
      const onConnectError = (e: Error) => {
        clearTimeout(timer);
        resolve(err(classifyOpenError(e), e.message, this.path));
      };
      socket.once('error', onConnectError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onConnectError);
        this.#socket = socket;
        this.relay(socket, () => {
          if (this.#socket === socket) this.#socket = undefined;
        });
        resolve(ok(undefined));
      });
    });
  }

  close(): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportFailureReason>> {
    const socket = this.#socket;
    if (!socket || socket.destroyed) return Promise.resolve(err('not-open', undefined, this.path));
    return new Promise((resolve) => {
      socket.write(bytes, (error) => {
        if (error) resolve(err('write-failed', error.message, this.path));
        else resolve(ok(undefined));
      });
    });
  }
}
