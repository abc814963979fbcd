import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import { SeededRandom } from '../demo/seeded-random.js';

/**
 * A TCP fault proxy on loopback, between two parts of the store (lane → agent, agent → HQ). Healthy, it
 * pipes bytes both ways. Faults, switched on and off by the day's schedule:
 * - `outage`: every open connection is cut and new ones are reset at once (the link is gone);
 * - `drop`: a share of new connections is accepted and never answered (packets into the void: the client
 *   waits for its own timeout);
 * - `delay`: every chunk waits before it is passed on (a slow, congested link);
 * - `cut`: a share of connections is cut after a random number of bytes (a request or answer torn mid-way).
 * Decisions come from a seeded PRNG, so a failing day replays.
 */
export interface LinkFaults {
  outage: boolean;
  /** 0..1: share of new connections that are black-holed. */
  dropShare: number;
  delayMs: number;
  /** 0..1: share of connections cut after a few bytes. */
  cutShare: number;
}

export const HEALTHY: Readonly<LinkFaults> = Object.freeze({
  outage: false,
  dropShare: 0,
  delayMs: 0,
  cutShare: 0,
});

export interface FaultProxyStats {
  connections: number;
  reset: number;
  dropped: number;
  cut: number;
}

export class FaultProxy {
  readonly #server: Server;
  readonly #random: SeededRandom;
  readonly #live = new Set<Socket>();
  /** Connections held back by a drop, released when the link heals. */
  readonly #stalled = new Set<() => void>();
  #faults: LinkFaults = { ...HEALTHY };
  readonly stats: FaultProxyStats = { connections: 0, reset: 0, dropped: 0, cut: 0 };

  private constructor(
    readonly name: string,
    private readonly target: { host: string; port: number },
    seed: number,
  ) {
    this.#random = new SeededRandom(seed);
    this.#server = createServer((client) => this.#accept(client));
  }

  /** Listens on `port` (0: a free one) and forwards to `target`. */
  static async start(
    name: string,
    target: { host: string; port: number },
    seed: number,
    port = 0,
  ): Promise<FaultProxy> {
    const proxy = new FaultProxy(name, target, seed);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(port, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get faults(): Readonly<LinkFaults> {
    return this.#faults;
  }

  /** Replaces the link's faults; an outage cuts every open connection at once. */
  set(faults: Partial<LinkFaults>): void {
    this.#faults = { ...this.#faults, ...faults };
    if (this.#faults.outage) for (const socket of [...this.#live]) socket.destroy();
  }

  heal(): void {
    this.#faults = { ...HEALTHY };
    const stalled = [...this.#stalled];
    this.#stalled.clear();
    for (const release of stalled) release();
  }

  #accept(client: Socket): void {
    this.stats.connections += 1;
    this.#track(client);
    const faults = this.#faults;
    if (faults.outage) {
      this.stats.reset += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    this.#track(upstream);
    // Each connection is judged again on every chunk while a fault lasts, so the long-lived ones (keep-alive
    // pools, live streams) suffer as much as new ones. A dropped path stalls: nothing gets through either way
    // until the fault is over, then what was held back arrives (TCP retransmits), unless a side gave up first.
    let stalled: { to: Socket; chunk: Buffer }[] | undefined =
      faults.dropShare > 0 && this.#random.chance(faults.dropShare) ? [] : undefined;
    const release = () => {
      const held = stalled ?? [];
      stalled = undefined;
      for (const { to, chunk } of held) if (!to.destroyed) chunk.length === 0 ? to.end() : to.write(chunk);
    };
    if (stalled) {
      this.stats.dropped += 1;
      this.#stalled.add(release);
    }
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        const now = this.#faults;
        if (!stalled && now.dropShare > 0 && this.#random.chance(now.dropShare / 4)) {
          this.stats.dropped += 1;
          stalled = [];
          this.#stalled.add(release);
        }
        if (stalled) {
          stalled.push({ to, chunk });
          return;
        }
        if (now.cutShare > 0 && this.#random.chance(now.cutShare / 4)) {
          this.stats.cut += 1;
          const head = chunk.subarray(0, this.#random.int(0, chunk.length));
          to.write(head, () => {
            client.destroy();
            upstream.destroy();
          });
          return;
        }
        const delay = now.delayMs;
        if (delay > 0) {
          from.pause();
          setTimeout(() => {
            if (!to.destroyed) to.write(chunk);
            from.resume();
          }, delay);
        } else if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => from.resume());
        }
      });
      from.on('end', () => {
        if (stalled) stalled.push({ to, chunk: Buffer.alloc(0) });
        else to.end();
      });
    };
    upstream.connect(this.target.port, this.target.host, () => {
      relay(client, upstream);
      relay(upstream, client);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', close);
    client.on('error', close);
    upstream.on('close', close);
    client.on('close', close);
  }

  #track(socket: Socket): void {
    this.#live.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => this.#live.delete(socket));
  }

  async stop(): Promise<void> {
    for (const socket of [...this.#live]) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
