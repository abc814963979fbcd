import type { TransportClosed, TransportFault } from './byte-transport.js';
import { ListenerSet } from './listener-set.js';

/** What a serial port, a socket or a HID device emits: Node's stream events. */
interface ByteStream {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/**
 * The event half of every `ByteTransport`: data, faults and the close (expected when `close()` asked for it,
 * unexpected when the device went away, which is what starts a reconnect). Transports extend it and report
 * through `emitData`, `emitFault` and `emitClosed`.
 */
export abstract class TransportEvents {
  /** Set by a transport's `close()` before it closes, so the close event says it was asked for. */
  protected closing = false;
  readonly #data = new ListenerSet<Uint8Array>();
  readonly #close = new ListenerSet<TransportClosed>();
  readonly #error = new ListenerSet<TransportFault>();

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.#data.add(listener);
  }

  onClose(listener: (closed: TransportClosed) => void): () => void {
    return this.#close.add(listener);
  }

  onError(listener: (fault: TransportFault) => void): () => void {
    return this.#error.add(listener);
  }

  protected emitData(bytes: Uint8Array): void {
    this.#data.call(bytes);
  }

  protected emitFault(detail: string): void {
    this.#error.call({ reason: 'io-error', detail });
  }

  protected emitClosed(expected = this.closing): void {
    this.#close.call({ expected });
  }

  /** Relays a stream's data, errors and close; `gone` forgets the stream before listeners hear of the close. */
  protected relay(stream: ByteStream, gone: () => void): void {
    stream.on('data', (chunk: Buffer) => this.emitData(new Uint8Array(chunk)));
    stream.on('error', (error: Error) => this.emitFault(error.message));
    stream.on('close', () => {
      gone();
      this.emitClosed();
    });
  }
}
