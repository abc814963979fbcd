import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeShift,
  collections,
  createIdGenerator,
  openShift,
  type SaleDoc,
  type ShiftDoc,
  validateDocument,
  withGs1CheckDigit,
} from '@storefloor/core';
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import { replicateStorefloorCollection } from '@storefloor/sync-client';
import { type Browser, chromium } from 'playwright-core';
import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { AgentProcess, bundleAgent } from '../../edge-agent/test/support/agent-process.js';
import { HqServer } from '../../edge-agent/test/support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from '../../edge-agent/test/support/lane.js';
import { sale as saleFixture } from '../../edge-agent/test/support/store-documents.js';
import { type RunningLaneServer, startLaneServer } from '../src/serve/serve-lane.js';
import { ARTIFACTS, CHROMIUM, requireChromium } from './lane-harness.js';

export const STORE_ID = 'store-mgr';
export const CASHIER_PIN = '2468';
export const MANAGER_PIN = '1357';
/** The store runs on UTC with the business day starting at midnight: today's date is the business day. */
export const BUSINESS_DAY = new Date().toISOString().slice(0, 10);
export const GTIN = { milk: withGs1CheckDigit('400000130001'), cola: withGs1CheckDigit('400000130002') };

type Doc = Record<string, unknown>;
type TillCollections = {
  shifts: RxCollection<Doc>;
  sales: RxCollection<Doc>;
  cash_movements: RxCollection<Doc>;
};
const newId = createIdGenerator();
let tills = 0;

/**
 * A lane as the till writes it, without a browser: its shifts, sales and cash movements in RxDB, replicated
 * with the edge agent through @storefloor/sync-client (the same protocol the lane's renderer uses). `offline()`
 * cancels replication (the cable is out); `online()` starts it again and the queued writes go up.
 */
export class TillLane {
  #replications: RxReplicationState<Doc, unknown>[] = [];
  shift: ShiftDoc | undefined;

  private constructor(
    readonly db: RxDatabase<TillCollections>,
    readonly identity: EnrolledLane,
    readonly agentUrl: string,
  ) {}

  static async open(identity: EnrolledLane, agentUrl: string): Promise<TillLane> {
    tills += 1;
    const db = await createRxDatabase<TillCollections>({
      name: `till-${process.pid}-${tills}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    const schema = (n: keyof TillCollections) => collections[n].schema as unknown as RxJsonSchema<Doc>;
    await db.addCollections({
      shifts: { schema: schema('shifts') },
      sales: { schema: schema('sales') },
      cash_movements: { schema: schema('cash_movements') },
    });
    const till = new TillLane(db, identity, agentUrl);
    till.online();
    return till;
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  online(): void {
    const common = {
      url: this.agentUrl,
      token: this.identity.token,
      retryTime: 200,
      waitForLeadership: false,
      backoff: { initialMs: 100, maxMs: 1_000 },
      requestTimeoutMs: 5_000,
    };
    this.#replications = [
      replicateStorefloorCollection({ ...common, collection: this.db.shifts }),
      replicateStorefloorCollection({ ...common, collection: this.db.sales }),
      replicateStorefloorCollection({ ...common, collection: this.db.cash_movements }),
    ] as RxReplicationState<Doc, unknown>[];
  }

  async offline(): Promise<void> {
    await Promise.all(this.#replications.map((r) => r.cancel()));
    this.#replications = [];
  }

  async settled(): Promise<void> {
    await Promise.all(this.#replications.map((r) => r.awaitInSync()));
  }

  async openShift(cashierId: string, openingFloat: number): Promise<ShiftDoc> {
    const shift = openShift({
      id: newId(),
      storeId: this.identity.storeId,
      deviceId: this.deviceId,
      cashierId,
      businessDay: BUSINESS_DAY,
      currency: 'EUR',
      openingFloat,
      openedAt: Date.now(),
    });
    if (!shift.ok) throw new Error(shift.reason);
    await this.db.shifts.insert(shift.value as unknown as Doc);
    this.shift = shift.value;
    return shift.value;
  }

  /** A completed (or open) sale on the lane's shift: card, or cash with change. */
  async sell(
    lines: { product: number; unitPrice: number }[],
    tender: 'card' | 'cash',
    status: 'completed' | 'open' = 'completed',
  ): Promise<SaleDoc> {
    if (!this.shift) throw new Error('no shift');
    const base = saleFixture({
      storeId: this.identity.storeId,
      deviceId: this.deviceId,
      lines,
      businessDay: BUSINESS_DAY,
      status,
    });
    const due = (base.totals as { due: number }).due;
    const paid = tender === 'cash' ? Math.ceil(due / 1000) * 1000 : due;
    const now = Date.now();
    const doc = {
      ...base,
      shiftId: this.shift.id,
      cashierId: this.shift.cashierId,
      openedAt: now,
      ...(status === 'completed' ? { completedAt: now } : {}),
      tenders:
        status === 'completed'
          ? [{ id: 't1', kind: tender, amount: paid, ...(tender === 'card' ? { reference: 'auth-1' } : {}) }]
          : [],
      totals: {
        ...(base.totals as object),
        paid: status === 'completed' ? paid : 0,
        change: status === 'completed' ? paid - due : 0,
      },
    };
    const valid = validateDocument('sales', doc);
    if (!valid.ok) throw new Error(`${valid.reason} ${valid.detail ?? ''}`);
    await this.db.sales.insert(doc);
    return doc as unknown as SaleDoc;
  }

  async closeShift(count: { value: number; count: number }[]): Promise<ShiftDoc> {
    if (!this.shift) throw new Error('no shift');
    const closed = closeShift(this.shift, { closedAt: Date.now(), closedBy: this.shift.cashierId, count });
    if (!closed.ok) throw new Error(closed.reason);
    await this.db.shifts.upsert(closed.value as unknown as Doc);
    this.shift = closed.value;
    return closed.value;
  }

  async close(): Promise<void> {
    await this.offline();
    await this.db.close();
  }
}

export interface ManagerWorld {
  readonly dir: string;
  readonly hq: HqServer;
  readonly agent: AgentProcess;
  readonly sim: RunningSimulator;
  readonly manager: RunningLaneServer;
  readonly browser: Browser;
  laneCode(): Promise<string>;
  till(label: string): Promise<TillLane>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

async function seed(hq: HqServer): Promise<void> {
  const validFrom = Date.UTC(2026, 0, 1);
  await hq.admin('POST', '/api/admin/stores', {
    storeId: STORE_ID,
    name: 'Storefloor Manager Market',
    settings: {
      currency: 'EUR',
      taxMode: 'inclusive',
      taxRounding: 'line',
      cashRoundingStep: 1,
      timeZone: 'UTC',
      businessDayStartHour: 0,
      receiptHeader: '1 Market Street',
      receiptFooter: 'Thank you',
      languages: ['en-IE', 'zh-CN'],
      address: '1 Market Street',
      validFrom,
    },
  });
  await hq.admin('POST', '/api/admin/import/products', [
    {
      id: 'prod-000001',
      name: 'Whole milk 1 l',
      gtins: [GTIN.milk],
      unit: 'each',
      taxClass: 'standard',
      categoryId: 'dairy',
    },
    {
      id: 'prod-000002',
      name: 'Cola 330 ml',
      gtins: [GTIN.cola],
      unit: 'each',
      taxClass: 'standard',
      categoryId: 'drinks',
    },
    { id: 'prod-000003', name: 'Rye bread', unit: 'each', taxClass: 'standard', categoryId: 'bakery' },
  ]);
  await hq.admin('POST', '/api/admin/import/employees', [
    { id: 'emp-ana', storeId: STORE_ID, name: 'Ana', roles: 'cashier', pin: CASHIER_PIN },
    { id: 'emp-mia', storeId: STORE_ID, name: 'Mia Manager', roles: 'manager;cashier', pin: MANAGER_PIN },
  ]);
}

/** HQ, the edge agent (its real process), hardware-sim, the manager's page server and Chromium. */
export async function startManagerWorld(): Promise<ManagerWorld> {
  requireChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'pos-manager-'));
  const undo: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  try {
    return await startParts(dir, undo);
  } catch (error) {
    for (const u of undo.reverse()) await u().catch(() => undefined);
    throw error;
  }
}

async function startParts(dir: string, undo: (() => Promise<unknown>)[]): Promise<ManagerWorld> {
  const bundle = await bundleAgent();
  const hq = await HqServer.start(dir);
  undo.push(() => (hq.running ? hq.stop() : Promise.resolve()));
  await seed(hq);
  const agent = await AgentProcess.start({
    bundle,
    hqUrl: hq.url,
    dataDir: join(dir, 'agent'),
    enrollmentCode: await hq.enrollmentCode(STORE_ID, 'store-hub'),
  });
  undo.push(() => agent.stop());
  for (let i = 0; !(await agent.status()).enrolled; i++) {
    if (i > 300) throw new Error('the agent did not enroll');
    await new Promise((r) => setTimeout(r, 50));
  }
  const sim = await startSimulator({
    config: {
      devices: [
        { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' },
        { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' },
        { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp' },
        { id: 'terminal-1', kind: 'payment-terminal', protocol: 'nexo-https' },
      ],
    },
    port: 0,
  });
  undo.push(() => sim.stop());
  const manager = await startLaneServer({
    upstreamUrl: agent.url,
    simUrl: sim.url,
    build: true,
    mode: 'manager',
    databaseName: 'storefloor-manager',
  });
  undo.push(() => manager.stop());
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  const opened: TillLane[] = [];
  return {
    dir,
    hq,
    agent,
    sim,
    manager,
    browser,
    laneCode: () => hq.enrollmentCode(STORE_ID),
    async till(label) {
      const identity = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE_ID), label);
      const till = await TillLane.open(identity, agent.url);
      opened.push(till);
      return till;
    },
    control: (method, path, body) =>
      fetch(`${sim.url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    async stop() {
      await browser.close();
      for (const t of opened) await t.close();
      await manager.stop();
      await sim.stop();
      await agent.stop();
      if (hq.running) await hq.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
