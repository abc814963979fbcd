import { SerialPort } from 'serialport';
import { PtyPair } from './pty-pair.js';

/** Start bit + 7 data bits + parity + stop bit (7E1), or start + 8 data + stop (8N1): 10 either way. */
const BITS_PER_CHAR = 10;

export interface SerialLineOptions {
  readonly dir: string;
  readonly name: string;
  /** Line speed the simulated device paces its output at (10 bits per character incl. start/stop/parity). */
  readonly baudRate: number;
}

/**
 * The simulator's side of a serial cable: a pty pair plus an open handle on the simulator's end.
 * Output is paced at the configured baud rate, because a pty itself delivers bytes instantly and a
 * real device at 9600 baud does not.
 */
export class SerialLine {
  readonly pty: PtyPair;
  #port: SerialPort | undefined;
  #nextFree = 0;
  #inboundFree = 0;
  /** Whether the cable should be plugged in, as last asked; queued plug steps check it when they run. */
  #wanted = false;
  #turns: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(bytes: Uint8Array) => void>();

  constructor(private readonly options: SerialLineOptions) {
    this.pty = new PtyPair({ dir: options.dir, name: options.name });
  }

  get devicePath(): string {
    return this.pty.devicePath;
  }

  get connected(): boolean {
    return this.#port?.isOpen ?? false;
  }

  /**
   * Plugs the cable in. Plugging and pulling run one after the other in the order asked: a fault cleared just
   * before the simulator stops must not leave a replug opening a pty whose socat is already gone.
   */
  connect(): Promise<void> {
    this.#wanted = true;
    return this.#inTurn(() => this.#open());
  }

  /** Pulls the cable: socat dies and both pty ends close. */
  disconnect(): Promise<void> {
    this.#wanted = false;
    return this.#inTurn(() => this.#close());
  }

  /**
   * For fault injection, which cannot wait: plugs or pulls in the background. A replug that fails (socat could
   * not start again) leaves the line unplugged, which `connected` and the device's status report.
   */
  plugInBackground(plugged: boolean): void {
    (plugged ? this.connect() : this.disconnect()).catch(() => undefined);
  }

  #inTurn(step: () => Promise<void>): Promise<void> {
    const turn = this.#turns.then(step);
    this.#turns = turn.catch(() => undefined);
    return turn;
  }

  async #open(): Promise<void> {
    if (this.#port || !this.#wanted) return;
    await this.pty.start();
    const port = new SerialPort({ path: this.pty.simPath, baudRate: this.options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (chunk: Buffer) => this.#receive(new Uint8Array(chunk)));
    port.on('error', () => undefined);
    port.on('close', () => {
      if (this.#port === port) this.#port = undefined;
    });
    this.#port = port;
  }

  async #close(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    await this.pty.stop();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hands received bytes on once they would have finished arriving at the line's baud rate. */
  #receive(bytes: Uint8Array): void {
    const now = performance.now();
    this.#inboundFree = Math.max(now, this.#inboundFree) + this.#wireMs(bytes.length);
    setTimeout(() => {
      for (const listener of this.#listeners) listener(bytes);
    }, this.#inboundFree - now);
  }

  #wireMs(count: number): number {
    return (count * BITS_PER_CHAR * 1000) / this.options.baudRate;
  }

  /** Sends bytes after the wire time they take at the line's baud rate; resolves when they are written. */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen || bytes.length === 0) return Promise.resolve();
    const now = performance.now();
    this.#nextFree = Math.max(now, this.#nextFree) + this.#wireMs(bytes.length);
    const delay = this.#nextFree - now;
    return new Promise((resolve) => {
      setTimeout(() => {
        if (!port.isOpen) return resolve();
        port.write(Buffer.from(bytes), () => port.drain(() => resolve()));
      }, delay);
    });
  }
}
