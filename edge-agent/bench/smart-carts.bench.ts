/**
 * A cart scan to the updated total on the cart, over the real cart link: a real HQ (sync-server on PGlite)
 * in this process, the edge agent as its own process (bundled as the tests do) serving its cart link on
 * STOREFLOOR_CART_LINK_PORT, and carts as WebSocket clients speaking device-drivers'
 * src/smart-cart/PROTOCOL.md: each sample is `item-scanned` sent → the agent's `basket-updated` with the
 * new line count received (the basket priced by core with a promotion in force). Baseline in the same
 * run, interleaved with the scans on the same sockets: the link's own round trip (a `heartbeat`, which the
 * agent answers at once). Measured for one cart alone (the goal), for 20 carts in session each scanning
 * every 300 ms ± 50 % (seeded; a shopper scans every few seconds, so this is ten times a busy store; the
 * goal too), and for 20 carts scanning back to back as fast as the agent answers (a stress figure: no goal).
 * Run: npx tsx edge-agent/bench/smart-carts.bench.ts → bench/results/edge-agent.json (section cartScanToTotal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { mergeResults } from '../../bench/merge-results.js';
import { AgentProcess, bundleAgent } from '../test/support/agent-process.js';
import { HqServer } from '../test/support/hq-server.js';
import { chineseStoreMaster } from '../test/support/store-documents.js';

const STORE = 'store-carts';
const PRODUCTS = Number(process.env.BENCH_CART_PRODUCTS ?? 2_000);
const SCANS_PER_CART = Number(process.env.BENCH_CART_SCANS ?? 300);
const CARTS = Number(process.env.BENCH_CARTS ?? 20);
const PACED_SCANS = Number(process.env.BENCH_CART_PACED_SCANS ?? 100);
const PACE_MS = 300;
/** A shopper's basket: a new session after this many scans. */
const BASKET = 30;
const GOAL_P99_MS = 100;
const T0 = Date.now() - 86_400_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;
const stats = (values: number[]) => ({
  p50: round(percentile(values, 50)),
  p99: round(percentile(values, 99)),
  max: round(percentile(values, 100)),
});

/** GS1 check digit (General Specifications 7.9.1) of a 12-digit body. */
function gtin13(body: string): string {
  const sum = [...body].reverse().reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
const gtinOf = (n: number) => gtin13(`69${String(n).padStart(10, '0')}`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Frame = Record<string, unknown> & { type: string };

/** One cart on the link, written from PROTOCOL.md: hello/welcome, seq per direction, acks. */
class BenchCart {
  #seq = 0;
  #lastFromEdge = 0;
  #waiter: ((frame: Frame) => boolean) | undefined;
  #resolve: (() => void) | undefined;
  sessionId = '';

  private constructor(
    readonly cartId: string,
    readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (typeof frame.seq === 'number') {
        this.#lastFromEdge = frame.seq;
        this.#send({ type: 'ack', ack: this.#lastFromEdge });
      }
      if (this.#waiter?.(frame)) {
        this.#waiter = undefined;
        this.#resolve?.();
      }
    });
  }

  /** Connects once the agent's link is enabled (it closes the socket with 1013 until then). */
  static async connect(url: string, cartId: string): Promise<BenchCart> {
    for (;;) {
      const socket = new WebSocket(url);
      const welcomed = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.once('close', () => resolve(false));
        socket.once('open', () =>
          socket.send(JSON.stringify({ v: 1, type: 'hello', cartId, lastReceivedSeq: 0 })),
        );
        socket.once('message', (data) => resolve((JSON.parse(data.toString()) as Frame).type === 'welcome'));
      });
      if (welcomed) {
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        return new BenchCart(cartId, socket);
      }
      socket.terminate();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  #send(m: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ v: 1, cartId: this.cartId, ...m }));
  }

  /** Sends `message` and resolves with the time until a frame `until` accepts. */
  #roundTrip(message: Record<string, unknown>, until: (frame: Frame) => boolean): Promise<number> {
    return new Promise((resolve) => {
      const started = performance.now();
      this.#waiter = until;
      this.#resolve = () => resolve(performance.now() - started);
      this.#send(message);
    });
  }

  business(type: string, fields: Record<string, unknown>, until: (frame: Frame) => boolean) {
    this.#seq += 1;
    return this.#roundTrip({ type, seq: this.#seq, ack: this.#lastFromEdge, ...fields }, until);
  }

  startSession(n: number): Promise<number> {
    this.sessionId = `${this.cartId}-session-${n}`;
    return this.business(
      'session-start',
      { sessionId: this.sessionId },
      (f) => f.type === 'basket-updated' && f.sessionId === this.sessionId,
    );
  }

  /** Scan → the basket total with `lines` lines on the cart. */
  scan(code: string, lines: number): Promise<number> {
    return this.business(
      'item-scanned',
      { sessionId: this.sessionId, code, quantity: 1 },
      (f) => f.type === 'basket-updated' && f.sessionId === this.sessionId && f.lines === lines,
    );
  }

  /** Baseline: the link's round trip (the agent answers a heartbeat at once). */
  heartbeat(): Promise<number> {
    return this.#roundTrip({ type: 'heartbeat', ack: this.#lastFromEdge }, (f) => f.type === 'heartbeat');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-carts-'));
const hq = await HqServer.start(dir);
let agent: AgentProcess | undefined;
try {
  await hq.createStore(STORE);
  const master = chineseStoreMaster(STORE, 'Cart bench store', T0);
  await hq.writeMaster('stores', master.stores);
  await hq.writeMaster('tax_rates', master.taxRates);
  const ids = Array.from({ length: PRODUCTS }, (_, i) => i + 1);
  await hq.writeMaster(
    'products',
    ids.map((n) => ({
      id: `prod-${n}`,
      storeId: '*',
      name: `Product ${n}`,
      receiptName: `Product ${n}`,
      gtins: [gtinOf(n)],
      plu: '',
      unit: 'each',
      taxClass: 'standard',
      ageRestriction: 0,
      categoryId: n % 2 === 0 ? 'dairy' : 'grocery',
      productGroupId: '',
      active: true,
      updatedAt: T0,
      expectedUnitWeightGrams: 500,
      weightToleranceGrams: 20,
    })),
  );
  await hq.writeMaster(
    'prices',
    ids.map((n) => ({
      id: `price-${n}`,
      storeId: '*',
      productId: `prod-${n}`,
      currency: 'CNY',
      amount: 300 + (n % 50) * 10,
      validFrom: T0,
      createdAt: T0,
    })),
  );
  // Promotions the engine weighs on every scan: a category discount and a multi-buy.
  await hq.writeMaster('promotions', [
    {
      id: 'promo-dairy',
      storeId: '*',
      name: 'Dairy 10 % off',
      receiptText: '乳品九折',
      currency: 'CNY',
      priority: 10,
      exclusive: false,
      memberOnly: false,
      validFrom: T0,
      rule: {
        kind: 'percent-off',
        target: { productIds: [], categoryIds: ['dairy'], productGroupIds: [] },
        percentBps: 1000,
      },
      createdAt: T0,
    },
  ]);

  const cartPort = await freePort();
  agent = await AgentProcess.start({
    bundle: await bundleAgent(),
    hqUrl: hq.url,
    dataDir: join(dir, 'agent'),
    enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
    env: { STOREFLOOR_CART_LINK_PORT: String(cartPort) },
  });
  const url = `ws://127.0.0.1:${cartPort}/carts`;

  /** Seeded (mulberry32) so every run paces the carts alike. */
  const SEED = 20261203;
  let state = SEED;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  /** Every cart runs baskets of BASKET scans; each scan is followed by a heartbeat on the same socket. */
  const run = async (
    cart: BenchCart,
    scans: number,
    scanTimes: number[],
    linkTimes: number[],
    paceMs = 0,
  ) => {
    let lines = 0;
    let session = 0;
    for (let i = 0; i < scans; i++) {
      if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs * (0.5 + random())));
      if (i % BASKET === 0) {
        session += 1;
        lines = 0;
        await cart.startSession(session);
      }
      lines += 1;
      scanTimes.push(await cart.scan(gtinOf(1 + ((i * 37) % PRODUCTS)), lines));
      linkTimes.push(await cart.heartbeat());
    }
  };

  // Warm-up: the agent's first pricing, its SQLite statements, the JIT.
  const warm = await BenchCart.connect(url, 'cart-warm');
  await run(warm, BASKET, [], []);
  warm.socket.close();

  const oneScan: number[] = [];
  const oneLink: number[] = [];
  const alone = await BenchCart.connect(url, 'cart-alone');
  await run(alone, SCANS_PER_CART, oneScan, oneLink);
  alone.socket.close();

  const pacedScan: number[] = [];
  const pacedLink: number[] = [];
  const paced = await Promise.all(
    Array.from({ length: CARTS }, (_, i) => BenchCart.connect(url, `cart-paced-${i + 1}`)),
  );
  await Promise.all(paced.map((cart) => run(cart, PACED_SCANS, pacedScan, pacedLink, PACE_MS)));
  for (const cart of paced) cart.socket.close();

  const manyScan: number[] = [];
  const manyLink: number[] = [];
  const many = await Promise.all(
    Array.from({ length: CARTS }, (_, i) => BenchCart.connect(url, `cart-${i + 1}`)),
  );
  const started = performance.now();
  await Promise.all(many.map((cart) => run(cart, SCANS_PER_CART, manyScan, manyLink)));
  const manyMs = performance.now() - started;
  for (const cart of many) cart.socket.close();

  const section = {
    description:
      'cart scan (item-scanned) to the updated basket total on the cart (basket-updated with the new line), over the real cart link to the agent process; baskets of 30 scans, core pricing with a promotion in force',
    products: PRODUCTS,
    oneCart: {
      samples: oneScan.length,
      scanToTotalMs: stats(oneScan),
      baseline: { linkRoundTripMs: stats(oneLink) },
    },
    carts: CARTS,
    cartsInSessionAtPace: {
      paceMs: `${PACE_MS} ± 50 % between a cart's scans (seeded mulberry32, seed ${SEED})`,
      samples: pacedScan.length,
      scanToTotalMs: stats(pacedScan),
      baseline: { linkRoundTripMs: stats(pacedLink) },
    },
    allCartsFlatOut: {
      goal: 'none: a stress figure, every cart scanning again as soon as its total arrives',
      samples: manyScan.length,
      scansPerSecond: Math.round((manyScan.length / manyMs) * 1000),
      scanToTotalMs: stats(manyScan),
      baseline: { linkRoundTripMs: stats(manyLink) },
    },
    baseline:
      'the link round trip in the same run on the same sockets, interleaved with the scans: a heartbeat the agent answers at once',
    goal: { p99Ms: GOAL_P99_MS },
    meetsGoal: percentile(oneScan, 99) <= GOAL_P99_MS && percentile(pacedScan, 99) <= GOAL_P99_MS,
    loadAverage: os.loadavg().map((l) => round(l)),
  };
  process.stdout.write(`cartScanToTotal ${JSON.stringify(section)}\n`);
  if (SCANS_PER_CART === 300 && CARTS === 20)
    process.stdout.write(`${mergeResults('edge-agent.json', { cartScanToTotal: section })}\n`);
} finally {
  await agent?.stop();
  await hq.stop();
  rmSync(dir, { recursive: true, force: true });
}
