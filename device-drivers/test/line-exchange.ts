import type { ByteTransport } from '../src/transport/byte-transport.js';

/**
 * Raw bytes over a real transport, for holding a simulated device's replies against fixtures without
 * going through the driver's decoder.
 */
export class LineExchange {
  #received: number[] = [];

  constructor(readonly transport: ByteTransport) {
    transport.onData((bytes) => this.#received.push(...bytes));
  }

  get received(): string {
    return String.fromCharCode(...this.#received);
  }

  clear(): void {
    this.#received = [];
  }

  async send(text: string): Promise<void> {
    const sent = await this.transport.write(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    if (!sent.ok) throw new Error(`write failed: ${sent.reason}`);
  }

  /** Waits until the bytes received since the last clear() satisfy `done`, then returns them. */
  async until(done: (text: string) => boolean, timeoutMs = 3000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (Date.now() > deadline) throw new Error(`no matching reply; got ${JSON.stringify(this.received)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.received;
  }

  /** Sends a command and waits for a reply that satisfies `done`. */
  async ask(command: string, done: (text: string) => boolean): Promise<string> {
    this.clear();
    await this.send(command);
    return this.until(done);
  }
}
