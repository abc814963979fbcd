import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countIncludesNow,
  createIdGenerator,
  type LoyaltyEntryDoc,
  type SaleDoc,
  type StockMovementDoc,
  stockOnHandByProduct,
} from '@storefloor/core';
import { startSimulator } from '@storefloor/hardware-sim';
import { buildServer, type Database, openPgliteDatabase } from '@storefloor/sync-server';
import { build } from 'esbuild';
import { AgentProcess, bundleAgent } from '../../edge-agent/test/support/agent-process.js';
import { seedDemoStore } from '../demo/index.js';
import { SeededRandom } from '../demo/seeded-random.js';
import { FaultProxy } from './fault-proxy.js';
import { type FaultEvent, faultSchedule, lastFaultEndMs, type ScheduleOptions } from './fault-schedule.js';
import { type ReceiptFacts, readReceipt } from './receipt-facts.js';
import { type DayEvidence, type OnHand, type Reconciliation, reconcile } from './reconcile.js';

/**
 * A trading day under faults: HQ (sync-server on PGlite) ⇄ fault proxy ⇄ edge agent (a real process) ⇄
 * fault proxy ⇄ scripted lanes (real processes), the lanes printing on hardware-sim's printers and paying on
 * its nexo Sale-to-POI card terminals (HTTPS); the schedule cuts, delays and drops both links and kills the agent and the lanes with
 * SIGKILL. When the lanes have sold their share and the last fault is over, the store is left to converge and
 * the day is reconciled against the paper.
 */
export interface TradingDayOptions {
  readonly dir: string;
  readonly seed: number;
  readonly lanes: number;
  readonly salesPerLane: number;
  readonly productCount: number;
  readonly memberCount: number;
  /** No faults and no kills: the baseline the faulted day is compared with. */
  readonly faults: Omit<ScheduleOptions, 'seed' | 'lanes'> | false;
  /**
   * How long a shopper takes to tap a card at the simulated terminal (hardware-sim's default, 20 ms, when
   * absent). A realistic pause puts kills in the middle of card payments, so restarted lanes have cards to
   * resolve by asking the terminal.
   */
  readonly shopperDelayMs?: number;
  /** How long the store may take to converge after the last fault. */
  readonly convergeTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface TradingDayResult {
  readonly seed: number;
  readonly schedule: readonly FaultEvent[];
  readonly reconciliation: Reconciliation;
  readonly figures: {
    /** Store open (catalog at every lane) to every lane done. */
    readonly sellingMs: number;
    readonly salesPerMinute: number;
    /** From the end of the last fault (or the last sale, whichever is later) to a clean reconciliation. */
    readonly convergeAfterLastFaultMs: number | null;
    readonly kills: number;
    readonly linkFaults: number;
    readonly laneRestarts: number;
    readonly agentRestarts: number;
    readonly conflictsKept: number;
    /** Cards a restarted lane resolved by asking the terminal (TransactionStatus): charged, or not. */
    readonly cardsAskedAfterRestart: { readonly charged: number; readonly notCharged: number };
    readonly proxies: Record<string, FaultProxy['stats']>;
  };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STORE = { storeId: 'store-sim-001', storeName: '星辰超市 模拟店 Starlight Market Simulated' };
const LANE_ENTRY = join(ROOT, 'scripts', 'simulate-day', 'lane-process.ts');
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

class LaneRunner {
  child: ChildProcess | undefined;
  done = false;
  ready = false;
  restarts = 0;
  completed = 0;
  /** Pushes of this lane's own documents answered with an older version, where the lane's own was kept. */
  conflictsKept = 0;
  cardsRecovered = 0;
  cardsNotCharged = 0;
  crashed: string | undefined;
  readonly #exited = new Set<ChildProcess>();

  constructor(
    readonly name: string,
    private readonly bundle: string,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    const child = spawn(process.execPath, [this.bundle], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let pending = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.#event(line);
    });
    let errors = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      errors = (errors + chunk).slice(-4_000);
    });
    child.once('exit', (code, signal) => {
      this.#exited.add(child);
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0) {
        this.crashed = `${this.name} exited ${code ?? signal}: ${errors}`;
        this.log(`[${this.name}] ${this.crashed}`);
      }
    });
  }

  #event(line: string): void {
    try {
      const event = JSON.parse(line) as { event: string; [key: string]: unknown };
      if (event.event === 'completed') this.completed += 1;
      if (event.event === 'done') this.done = true;
      if (event.event === 'ready') this.ready = true;
      if (event.event === 'conflict-kept-own') this.conflictsKept += 1;
      if (event.event === 'card-recovered') this.cardsRecovered += 1;
      if (event.event === 'card-not-charged') this.cardsNotCharged += 1;
      if (event.event === 'crashed') this.crashed = String(event.error);
      if (event.event !== 'completed') this.log(`[${this.name}] ${line}`);
    } catch {
      this.log(`[${this.name}] ${line}`);
    }
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || this.#exited.has(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  restart(): void {
    this.restarts += 1;
    this.done = false;
    this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.#exited.has(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Tears the tail of a data folder as a crash mid-write leaves it: junk after the WAL, half a ledger line. */
function tearDataFolder(dir: string, seed: number): void {
  if (!existsSync(dir)) return;
  const junk = Buffer.alloc(512 + (seed % 3_000));
  for (let i = 0; i < junk.length; i++) junk[i] = (seed * 31 + i * 17) & 0xff;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('-wal')) appendFileSync(join(dir, name), junk);
    if (name === 'printed.log' || name === 'card-intents.log')
      appendFileSync(join(dir, name), '0190f5c2-7e1b-7');
  }
}

export async function runTradingDay(options: TradingDayOptions): Promise<TradingDayResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  mkdirSync(options.dir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => {});
  };
  try {
    // HQ on its embedded database.
    const db: Database = await openPgliteDatabase(join(options.dir, 'hq'));
    const hq = await buildServer({ db, adminToken: ADMIN_TOKEN, logger: false, closeDatabase: true });
    await hq.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => hq.close());
    const hqPort = (hq.server.address() as AddressInfo).port;
    const hqUrl = `http://127.0.0.1:${hqPort}`;
    const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${hqUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    };
    log(`[simulate-day] seeding ${options.productCount} products, ${options.memberCount} members into HQ`);
    const seeded = await seedDemoStore(hqUrl, ADMIN_TOKEN, {
      ...STORE,
      productCount: options.productCount,
      memberCount: options.memberCount,
    });
    const cashier = seeded.signIns.cashier;
    const code = async (role: 'lane' | 'store-hub') =>
      (
        await admin<{ code: string }>('POST', `/api/admin/stores/${STORE.storeId}/enrollment-codes`, {
          role,
          ttlSeconds: 3_600,
        })
      ).code;

    // The simulated devices: a printer and a nexo card terminal (its own POIID) per lane.
    const sim = await startSimulator({
      port: 0,
      config: {
        devices: Array.from({ length: options.lanes }, (_, i) => [
          { id: `printer-lane-${i + 1}`, kind: 'printer' as const, protocol: 'escpos-tcp' },
          {
            id: `terminal-lane-${i + 1}`,
            kind: 'payment-terminal' as const,
            protocol: 'nexo-https',
            options: {
              poiId: terminalPoiId(i + 1),
              ...(options.shopperDelayMs === undefined ? {} : { shopperDelayMs: options.shopperDelayMs }),
            },
          },
        ]).flat(),
      },
    });
    cleanups.push(() => sim.stop());

    // The agent, behind the WAN proxy; the lanes reach it through the LAN proxy.
    const seed = options.seed;
    const wan = await FaultProxy.start('wan', { host: '127.0.0.1', port: hqPort }, seed ^ 0x57a9);
    cleanups.push(() => wan.stop());
    const [bundle, laneBundle] = await Promise.all([bundleAgent(), bundleLane()]);
    const agentDir = join(options.dir, 'agent');
    let agent = await AgentProcess.start({
      bundle,
      hqUrl: wan.url,
      dataDir: agentDir,
      enrollmentCode: await code('store-hub'),
    });
    cleanups.push(() => agent.kill9());
    const agentPort = agent.port;
    await waitFor(async () => (await agent.status()).enrolled, 30_000, 'agent enrolled');
    const lan = await FaultProxy.start('lan', { host: '127.0.0.1', port: agentPort }, seed ^ 0x1a4e);
    cleanups.push(() => lan.stop());

    const lanes: LaneRunner[] = [];
    let laneToken = '';
    for (let i = 1; i <= options.lanes; i++) {
      const response = await fetch(`${agent.url}/api/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: await code('lane'), label: `lane ${i}` }),
      });
      if (response.status !== 201)
        throw new Error(`lane ${i} enrollment: ${response.status} ${await response.text()}`);
      const identity = (await response.json()) as { deviceId: string; token: string };
      laneToken = identity.token;
      const dataDir = join(options.dir, `lane-${i}`);
      mkdirSync(dataDir, { recursive: true });
      const runner = new LaneRunner(
        `lane-${i}`,
        laneBundle,
        dataDir,
        {
          SIMDAY_LANE: JSON.stringify({
            name: `lane-${i}`,
            dataDir,
            agentUrl: lan.url,
            token: identity.token,
            deviceId: identity.deviceId,
            storeId: STORE.storeId,
            devices: await laneDevices(sim.url, i),
            seed,
            targetSales: options.salesPerLane,
            cashierId: cashier.employeeId,
            cashierName: cashier.name,
            expectedProducts: options.productCount,
          }),
        },
        log,
      );
      lanes.push(runner);
      cleanups.push(() => runner.stop());
    }
    // The day opens with a stocktake in the store, on a handheld enrolled at the agent: the agent relays
    // transactions up to HQ but pulls only master data down, so HQ's own opening count would never reach
    // it. The handheld's count includes the seed's, so at HQ it supersedes it.
    const openingStock = await openingStocktake(agent.url, await code('lane'), db, seed);
    log(`[simulate-day] opening stocktake of ${openingStock.length} products pushed through the agent`);

    for (const lane of lanes) lane.start();
    await waitFor(
      async () => {
        const crashed = lanes.find((l) => l.crashed);
        if (crashed) throw new Error(crashed.crashed);
        return lanes.every((l) => l.ready);
      },
      180_000,
      'every lane holding the catalog',
    );
    const openedAt = Date.now();
    log(`[simulate-day] store open: ${options.lanes} lanes selling ${options.salesPerLane} sales each`);

    // The day's faults, on the clock from the store opening.
    const schedule = options.faults ? faultSchedule({ ...options.faults, seed, lanes: options.lanes }) : [];
    let agentRestarts = 0;
    const restartAgent = async () => {
      agent = await AgentProcess.start({ bundle, hqUrl: wan.url, dataDir: agentDir, lanPort: agentPort });
      agentRestarts += 1;
    };
    const runEvent = async (event: FaultEvent): Promise<void> => {
      if (event.kind === 'link') {
        const proxy = event.link === 'lan' ? lan : wan;
        log(`[fault] ${event.link} ${JSON.stringify(event.faults)} for ${event.durationMs} ms`);
        proxy.set(event.faults);
        await sleep(event.durationMs);
        proxy.heal();
        return;
      }
      const victims = event.target === 'all' ? lanes : lanes.filter((l) => l.name === event.target);
      const withAgent = event.target === 'all' || event.target === 'agent';
      log(
        `[fault] kill -9 ${event.target}${event.tornWrite ? ' (torn data files)' : ''}, down ${event.downMs} ms`,
      );
      await Promise.all([...victims.map((l) => l.kill9()), ...(withAgent ? [agent.kill9()] : [])]);
      if (event.tornWrite) {
        for (const lane of victims) tearDataFolder(lane.dataDir, seed + event.atMs);
        if (withAgent) tearDataFolder(agentDir, seed + event.atMs);
      }
      await sleep(event.downMs);
      if (withAgent) await restartAgent();
      for (const lane of victims) lane.restart();
    };
    // Events run one after another where they overlap in time (a kill waits for the restart before it).
    const faultsDone = (async () => {
      for (const event of schedule) {
        const wait = openedAt + event.atMs - Date.now();
        if (wait > 0) await sleep(wait);
        await runEvent(event);
      }
    })();

    await waitFor(
      async () => {
        const crashed = lanes.find((l) => l.crashed);
        if (crashed) throw new Error(crashed.crashed);
        return lanes.every((l) => l.done);
      },
      3_600_000,
      'every lane done',
      1_000,
    );
    const sellingMs = Date.now() - openedAt;
    await faultsDone;
    const calmFrom = Math.max(Date.now(), openedAt + lastFaultEndMs(schedule));
    log(
      `[simulate-day] lanes done in ${Math.round(sellingMs / 1000)} s; faults over; waiting for the store to converge`,
    );

    const evidence = async (): Promise<DayEvidence> => {
      const receipts: ReceiptFacts[] = [];
      const cardCharges: { terminal: string; requestId: string; amount: number }[] = [];
      for (let i = 1; i <= options.lanes; i++) {
        const terminal = `terminal-lane-${i}`;
        // hardware-sim's nexo terminal records the money it moved: one `payment` entry per authorised Payment,
        // by the sale's TransactionID (the lane's tender id), with what of it was reversed since (at any
        // terminal: they share one acquirer), and one `refund` entry per reversal it sent.
        const body = (await (await fetch(`${sim.url}/devices/${terminal}/transactions`)).json()) as {
          transactions: (
            | { type: 'payment'; saleTransactionId: string; minor: number; reversedMinor: number }
            | { type: 'refund' }
          )[];
        };
        for (const t of body.transactions) {
          if (t.type !== 'payment') continue;
          const kept = t.minor - t.reversedMinor;
          if (kept > 0) cardCharges.push({ terminal, requestId: t.saleTransactionId, amount: kept });
        }
      }
      const unreadable: { printer: string; detail: string }[] = [];
      for (let i = 1; i <= options.lanes; i++) {
        const printer = `printer-lane-${i}`;
        const body = (await (await fetch(`${sim.url}/devices/${printer}/receipts`)).json()) as {
          receipts: { text: string }[];
        };
        for (const r of body.receipts) {
          const read = readReceipt(printer, r.text);
          if (read.ok) receipts.push(read.value);
          else unreadable.push({ printer, detail: read.detail });
        }
      }
      const rows = async <T>(collection: string) =>
        (
          await db.query<{ data: T }>(
            'SELECT data FROM documents WHERE collection = $1 AND store_id = $2 AND NOT deleted',
            [collection, STORE.storeId],
          )
        ).rows.map((r) => r.data);
      const hqSales = await rows<SaleDoc>('sales');
      const days = [...new Set(hqSales.map((s) => s.businessDay))].sort();
      const report =
        days.length === 0
          ? { days: [] }
          : await admin<{
              days: {
                taxes: DayEvidence['hqReport']['taxes'];
                tenders: DayEvidence['hqReport']['tenders'];
              }[];
            }>(
              'GET',
              `/api/admin/reports/sales?from=${days[0]}&to=${days[days.length - 1]}&storeId=${STORE.storeId}`,
            );
      const stock = await admin<{ products: OnHand[] }>(
        'GET',
        `/api/admin/reports/stock?storeId=${STORE.storeId}`,
      );
      return {
        receipts,
        unreadableReceipts: unreadable,
        hqSales,
        hqReport: {
          taxes: report.days.flatMap((d) => d.taxes),
          tenders: Object.values(
            report.days
              .flatMap((d) => d.tenders)
              .reduce<Record<string, { kind: string; taken: number; refunded: number }>>((acc, t) => {
                const row = acc[t.kind] ?? { kind: t.kind, taken: 0, refunded: 0 };
                row.taken += t.taken;
                row.refunded += t.refunded;
                acc[t.kind] = row;
                return acc;
              }, {}),
          ),
        },
        openingStock,
        cardCharges,
        hqStock: stock.products.map((p) => ({ productId: p.productId, quantity: p.quantity })),
        agentStock: onHand(await pullAll<StockMovementDoc>(agent.url, laneToken, 'stock_movements')),
        hqLoyalty: await rows<LoyaltyEntryDoc>('loyalty_entries'),
        notChecked: [
          {
            name: 'every shelf label shows the register price',
            why: 'no shelf labels in this simulated day yet (the ESL access point is not in its device set)',
          },
          {
            name: 'every cart exit code was used at most once',
            why: 'no smart carts in this simulated day yet',
          },
          { name: 'coupons', why: "core's sale path has no coupon redemption yet, so no shopper uses one" },
          {
            name: 'wallet tenders',
            why: 'the lane offers no wallet tender yet (a payment code reads as unsupported)',
          },
          {
            name: 'scanner and scale',
            why: 'shoppers hand codes and weights to the sale path directly; the printer and card terminal are the simulated devices in the loop',
          },
        ],
      };
    };

    const timeout = options.convergeTimeoutMs ?? 180_000;
    let reconciliation = reconcile(await evidence());
    let convergedAt: number | null = reconciliation.ok ? Date.now() : null;
    while (!reconciliation.ok && Date.now() - calmFrom < timeout) {
      await sleep(1_000);
      reconciliation = reconcile(await evidence());
      if (reconciliation.ok) convergedAt = Date.now();
    }
    const totalSales = lanes.reduce((sum, l) => sum + l.completed, 0);
    return {
      seed,
      schedule,
      reconciliation,
      figures: {
        sellingMs,
        salesPerMinute: Math.round((totalSales / (sellingMs / 60_000)) * 10) / 10,
        convergeAfterLastFaultMs: convergedAt === null ? null : Math.max(0, convergedAt - calmFrom),
        kills: schedule.filter((e) => e.kind === 'kill').length,
        linkFaults: schedule.filter((e) => e.kind === 'link').length,
        laneRestarts: lanes.reduce((sum, l) => sum + l.restarts, 0),
        agentRestarts,
        conflictsKept: lanes.reduce((sum, l) => sum + l.conflictsKept, 0),
        cardsAskedAfterRestart: {
          charged: lanes.reduce((sum, l) => sum + l.cardsRecovered, 0),
          notCharged: lanes.reduce((sum, l) => sum + l.cardsNotCharged, 0),
        },
        proxies: { lan: lan.stats, wan: wan.stats },
      },
    };
  } finally {
    await cleanup();
  }
}

/** The POIID of lane i's terminal, in the `[model]-[serial]` shape Adyen documents. */
const terminalPoiId = (lane: number) => `P400Plus-2750392${String(lane).padStart(2, '0')}`;

/**
 * Lane i's device config, read from hardware-sim's control API as pos-app's `laneDevicesFromSim` reads it:
 * the ESC/POS printer at its TCP port, and the nexo terminal at its HTTPS URL with its self-signed
 * certificate pinned (`GET /devices/<id>/certificate`). The lane's SaleID is its name, the same across
 * restarts, so a restarted lane asks TransactionStatus of the very message pair it sent before the kill.
 */
async function laneDevices(simUrl: string, lane: number): Promise<Record<string, unknown>[]> {
  const listing = (
    (await (await fetch(`${simUrl}/devices`)).json()) as {
      devices: { id: string; port?: number; url?: string }[];
    }
  ).devices;
  const find = (id: string) => {
    const device = listing.find((d) => d.id === id);
    if (!device) throw new Error(`hardware-sim has no device ${id}`);
    return device;
  };
  const printer = find(`printer-lane-${lane}`);
  const terminal = find(`terminal-lane-${lane}`);
  const certificate = await fetch(`${simUrl}/devices/${terminal.id}/certificate`);
  if (!certificate.ok)
    throw new Error(`hardware-sim gave no certificate for ${terminal.id}: ${certificate.status}`);
  return [
    {
      id: 'printer',
      kind: 'printer',
      transport: 'tcp',
      address: `127.0.0.1:${printer.port}`,
      protocol: 'escpos',
    },
    {
      id: 'terminal',
      kind: 'payment-terminal',
      transport: 'http',
      address: terminal.url,
      protocol: 'nexo-https',
      options: {
        saleId: `lane-${lane}`,
        poiId: terminalPoiId(lane),
        ca: await certificate.text(),
        pollDelayMs: 200,
      },
    },
  ];
}

async function openingStocktake(
  agentUrl: string,
  code: string,
  db: Database,
  seed: number,
): Promise<OnHand[]> {
  const response = await fetch(`${agentUrl}/api/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, label: 'stocktake handheld' }),
  });
  if (response.status !== 201)
    throw new Error(`handheld enrollment: ${response.status} ${await response.text()}`);
  const handheld = (await response.json()) as { deviceId: string; token: string };
  const { rows } = await db.query<{ data: StockMovementDoc }>(
    "SELECT data FROM documents WHERE collection = 'stock_movements' AND store_id = $1 AND NOT deleted",
    [STORE.storeId],
  );
  const seedCounts = rows.map((r) => r.data).filter((m) => m.kind === 'count');
  const includes = countIncludesNow(seedCounts);
  const newId = createIdGenerator();
  const random = new SeededRandom(seed ^ 0x5f0c);
  const now = Date.now();
  // A real recount: most shelves hold what the books say, some a little more or less.
  const counts = seedCounts.map((count, i) => ({
    id: newId(),
    storeId: STORE.storeId,
    productId: count.productId,
    deviceId: handheld.deviceId,
    deviceSequence: i + 1,
    sourceId: '',
    reason: 'opening stocktake',
    employeeId: count.employeeId,
    occurredAt: now,
    kind: 'count' as const,
    quantity: random.chance(0.2) ? Math.max(0, count.quantity + random.int(-5, 5)) : count.quantity,
    unit: count.unit,
    includes,
  }));
  for (let i = 0; i < counts.length; i += 500) {
    const pushed = await fetch(`${agentUrl}/sync/stock_movements/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${handheld.token}` },
      body: JSON.stringify(
        counts.slice(i, i + 500).map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
      ),
    });
    const conflicts = pushed.ok ? ((await pushed.json()) as unknown[]) : [];
    if (!pushed.ok || conflicts.length > 0)
      throw new Error(`stocktake push: ${pushed.status} ${JSON.stringify(conflicts).slice(0, 300)}`);
  }
  return counts.map((c) => ({ productId: c.productId, quantity: c.quantity }));
}

/** The lane process bundled once (our workspace sources in, npm packages left as imports), so a restart is a plain `node` start. */
async function bundleLane(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'storefloor-simulate-day');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `lane-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [LANE_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'external-npm-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@storefloor/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

function onHand(ledger: StockMovementDoc[]): OnHand[] {
  const out: OnHand[] = [];
  for (const result of stockOnHandByProduct(ledger))
    if (result.ok) out.push({ productId: result.value.productId, quantity: result.value.quantity });
  return out;
}

async function pullAll<T>(url: string, token: string, collection: string): Promise<T[]> {
  const out: T[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const response = await fetch(`${url}/sync/${collection}/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ checkpoint, batchSize: 500 }),
    });
    if (!response.ok) throw new Error(`pull ${collection} from the agent: ${response.status}`);
    const page = (await response.json()) as { documents: T[]; checkpoint: unknown };
    out.push(...page.documents);
    if (page.documents.length < 500) return out;
    checkpoint = page.checkpoint;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      if (error instanceof Error && !/fetch failed|ECONNREFUSED/.test(error.message)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}
