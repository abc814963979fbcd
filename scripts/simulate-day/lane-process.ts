/**
 * One scripted lane as its own process (so `kill -9` is real): a durable RxDB replica on storage-sqlite,
 * replicating through @storefloor/sync-client with the edge agent (through the fault proxy), the lane's real
 * sale path (core's openSale / addProductLine / addTender / completeSale through pos-app's pure sale
 * modules), the lane device host driving hardware-sim's ESC/POS printer (TCP) and nexo Sale-to-POI card
 * terminal (HTTPS, its certificate pinned), and pos-app's receipt layout on the paper.
 *
 * Crash safety, as a lane must have it: the completed sale is on disk before anything else happens; its
 * stock movements, loyalty entries and receipt are follow-ups, redone on the next start when missing (a
 * print ledger file says which receipts are on paper). A card asked for just before a crash is resolved by
 * asking the terminal (nexo TransactionStatus of the tender), never by paying again. An open sale left by a
 * crash is then completed when money was taken, else cancelled. The shopper of sale n is a function of (seed, lane, n), so a restarted lane
 * carries on with the same day.
 *
 * Config: the JSON in SIMDAY_LANE (see LaneProcessConfig). Output: one JSON line per event on stdout.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addManualDiscount,
  addTender,
  balanceDue,
  buildCatalogIndex,
  businessDayOf,
  cancelSale,
  cashBalanceDue,
  collections,
  completeSale,
  createIdGenerator,
  createReturn,
  identifyMember,
  indexPromotions,
  type LoyaltyEntryDoc,
  localClock,
  type MemberDoc,
  openSale,
  type PriceDoc,
  type ProductDoc,
  type PromotionDoc,
  parseBarcode,
  pointsBalance,
  requiredAge,
  type SaleDoc,
  type StockMovementDoc,
  type StoreDoc,
  storeSettingsInForce,
  type TaxRateDoc,
  verifyAge,
} from '@storefloor/core';
import { getRxStorageSQLite } from '@storefloor/rxdb-storage-sqlite';
import { ownDocumentsWin, replicateStorefloorCollection } from '@storefloor/sync-client';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { CatalogSnapshot } from '../../pos-app/src/renderer/data/live-catalog.js';
import { laneFormat } from '../../pos-app/src/renderer/format/lane-format.js';
import { receiptLayout } from '../../pos-app/src/renderer/receipt/receipt-layout.js';
import { pricingEnvAt } from '../../pos-app/src/renderer/sale/pricing-env.js';
import { resolveScan } from '../../pos-app/src/renderer/sale/resolve-scan.js';
import { sellProduct } from '../../pos-app/src/renderer/sale/sell-product.js';
import { hashText, SeededRandom } from '../demo/seeded-random.js';
import { finalCardOutcome } from './card-outcome.js';
import { openLaneDevices } from './lane-devices.js';
import { RECEIPT_LABELS } from './receipt-facts.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

export interface LaneProcessConfig {
  readonly name: string;
  readonly dataDir: string;
  readonly agentUrl: string;
  readonly token: string;
  readonly deviceId: string;
  readonly storeId: string;
  /**
   * The lane host's device config (device-drivers' `parseDeviceConfig`): a `printer` (ESC/POS over TCP) and
   * a `terminal` (`payment-terminal`, transport `http`, protocol `nexo-https`, with saleId, poiId and the
   * pinned certificate), built from hardware-sim's control API as pos-app's `laneDevicesFromSim` builds it.
   */
  readonly devices: readonly Record<string, unknown>[];
  readonly seed: number;
  readonly targetSales: number;
  readonly cashierId: string;
  readonly cashierName: string;
  /** The lane sells once it holds this many products (the catalog is down). */
  readonly expectedProducts: number;
}

const REPLICATED = [
  'products',
  'prices',
  'promotions',
  'tax_rates',
  'stores',
  'members',
  'sales',
  'stock_movements',
  'loyalty_entries',
] as const;
const PUSHED = new Set<string>(['sales', 'stock_movements', 'loyalty_entries']);
type LaneDb = RxDatabase<Record<(typeof REPLICATED)[number], RxCollection>>;

const config = JSON.parse(process.env.SIMDAY_LANE ?? '{}') as LaneProcessConfig;
const say = (event: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ lane: config.name, ...event })}\n`);

/**
 * The real lane's conflict handler for its own transactions (sync-client's `ownDocumentsWin`: this device's
 * fork wins unless the master is final, as pos-app's lane database uses it), each time it keeps the lane's own
 * version said on stdout so the day can count it.
 */
function ownTransactionsWin(isFinal: (doc: unknown) => boolean): RxConflictHandler<unknown> {
  const handler = ownDocumentsWin<{ deviceId?: string }>(config.deviceId, isFinal);
  return {
    isEqual: handler.isEqual as RxConflictHandler<unknown>['isEqual'],
    resolve: async (input, context) => {
      const kept = await handler.resolve(input as never, context);
      if (kept === input.newDocumentState && kept !== input.realMasterState)
        say({ event: 'conflict-kept-own', id: (input.realMasterState as { id?: string }).id });
      return kept;
    },
  };
}

async function openReplica(): Promise<LaneDb> {
  const db = (await createRxDatabase({
    name: 'lane-replica',
    storage: getRxStorageSQLite({ directory: config.dataDir, synchronous: 'FULL' }),
    multiInstance: false,
    eventReduce: true,
  })) as unknown as LaneDb;
  const creators: Record<
    string,
    {
      schema: RxJsonSchema<unknown>;
      migrationStrategies: object;
      conflictHandler?: RxConflictHandler<unknown>;
    }
  > = {};
  for (const name of REPLICATED) {
    const spec = collections[name];
    creators[name] = {
      schema: structuredClone(spec.schema) as unknown as RxJsonSchema<unknown>,
      migrationStrategies: spec.migrationStrategies,
      ...(PUSHED.has(name)
        ? { conflictHandler: ownTransactionsWin(spec.isFinal as (doc: unknown) => boolean) }
        : {}),
    };
  }
  await db.addCollections(creators as never);
  return db;
}

/** SIMDAY_TRACE=1: what each replication's requests are doing, to tell a stalled push from a failing one. */
interface RequestTrace {
  inFlight: Map<number, { action: string; since: number }>;
  ok: number;
  failed: number;
  lastOkAt: number;
}
let requestNumber = 0;
function tracingFetch(trace: RequestTrace): typeof fetch {
  return async (input, init) => {
    const id = ++requestNumber;
    const action = String(input).split('/').pop() ?? '';
    trace.inFlight.set(id, { action, since: Date.now() });
    try {
      const response = await fetch(input, init);
      if (action !== 'stream') trace.inFlight.delete(id);
      trace.ok += 1;
      trace.lastOkAt = Date.now();
      return response;
    } catch (error) {
      trace.inFlight.delete(id);
      trace.failed += 1;
      throw error;
    }
  };
}

function replicate(db: LaneDb): void {
  const traces: {
    name: (typeof REPLICATED)[number];
    trace: RequestTrace;
    state: ReturnType<typeof replicateStorefloorCollection<Record<string, unknown>>>;
  }[] = [];
  for (const name of REPLICATED) {
    const trace: RequestTrace = { inFlight: new Map(), ok: 0, failed: 0, lastOkAt: 0 };
    const state = replicateStorefloorCollection({
      ...(process.env.SIMDAY_TRACE ? { fetch: tracingFetch(trace) } : {}),
      collection: db[name] as RxCollection<Record<string, unknown>>,
      url: config.agentUrl,
      token: config.token,
      pullOnly: !PUSHED.has(name),
      // The lane pulls the other lane's sales, movements and points: never push those back (see sync-client).
      deviceId: config.deviceId,
      retryTime: 300,
      waitForLeadership: false,
      backoff: { initialMs: 200, maxMs: 2_000 },
      requestTimeoutMs: 5_000,
      batchSize: 500,
    });
    // Retried by the client; the day's reconciliation is the judge. SIMDAY_TRACE=1 says each failure, to
    // see which stream stalls on a day that does not converge.
    state.error$.subscribe((error) => {
      if (!process.env.SIMDAY_TRACE) return;
      const { message, parameters } = error as Error & { parameters?: { errors?: unknown } };
      say({
        event: 'replication-error',
        collection: name,
        error: message.trim().split('\n')[0],
        cause: JSON.stringify(parameters?.errors ?? null).slice(0, 300),
      });
    });
    traces.push({ name, trace, state });
  }
  if (!process.env.SIMDAY_TRACE) return;
  setInterval(async () => {
    for (const { name, trace, state } of traces) {
      if (!PUSHED.has(name)) continue;
      const internal = state.internalReplicationState;
      const now = Date.now();
      say({
        event: 'replication-trace',
        collection: name,
        local: await db[name].count().exec(),
        started: internal !== undefined,
        activeUp: internal?.events.active.up.getValue(),
        firstSyncUp: internal?.firstSyncDone.up.getValue(),
        statsUp: internal?.stats.up,
        inFlight: [...trace.inFlight.values()].map((r) => `${r.action}:${now - r.since}ms`),
        ok: trace.ok,
        failed: trace.failed,
        lastOkAgoMs: trace.lastOkAt ? now - trace.lastOkAt : null,
      });
    }
  }, 5_000).unref();
}

const docs = async <T>(collection: RxCollection, selector: Record<string, unknown> = {}): Promise<T[]> =>
  (await collection.find({ selector }).exec()).map((d) => d.toMutableJSON() as T);

async function waitForCatalog(db: LaneDb): Promise<CatalogSnapshot> {
  for (;;) {
    const [products, stores, rates] = await Promise.all([
      db.products.count().exec(),
      db.stores.count().exec(),
      db.tax_rates.count().exec(),
    ]);
    if (products >= config.expectedProducts && stores > 0 && rates > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // The prices follow the products; wait until every product has one.
  for (;;) {
    const prices = await db.prices.count().exec();
    if (prices >= config.expectedProducts) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const storeId = config.storeId;
  const products = await docs<ProductDoc>(db.products);
  const prices = await docs<PriceDoc>(db.prices);
  const pricesByProduct = new Map<string, PriceDoc[]>();
  for (const p of prices) {
    if (p.storeId !== storeId && p.storeId !== '*') continue;
    pricesByProduct.set(p.productId, [...(pricesByProduct.get(p.productId) ?? []), p]);
  }
  const inForce = storeSettingsInForce(storeId, Date.now(), await docs<StoreDoc>(db.stores));
  const ofStore = <T extends { storeId: string }>(list: T[]) =>
    list.filter((d) => d.storeId === storeId || d.storeId === '*');
  return {
    store: inForce.ok ? inForce.value : undefined,
    index: buildCatalogIndex(products, storeId),
    products: ofStore(products).filter((p) => p.active),
    pricesByProduct,
    taxRates: ofStore(await docs<TaxRateDoc>(db.tax_rates)),
    ...(await (async () => {
      const promotionDocs = ofStore(await docs<PromotionDoc>(db.promotions));
      return { promotions: indexPromotions(promotionDocs), promotionDocs };
    })()),
    employees: [],
    members: await docs<MemberDoc>(db.members),
    version: 1,
  };
}

/** The print ledger: one sale id per line, fsynced; a torn last line (a crash mid-append) is ignored. */
class PrintLedger {
  readonly printed = new Set<string>();
  readonly #file: string;
  constructor(dir: string) {
    this.#file = join(dir, 'printed.log');
    if (!existsSync(this.#file)) return;
    const text = readFileSync(this.#file, 'utf8');
    const lines = text.split('\n');
    if (!text.endsWith('\n')) lines.pop();
    for (const line of lines) if (/^[0-9a-f-]{36}$/.test(line)) this.printed.add(line);
  }
  note(saleId: string): void {
    const fd = openSync(this.#file, 'a');
    appendFileSync(fd, `\n${saleId}\n`);
    fsyncSync(fd);
    closeSync(fd);
    this.printed.add(saleId);
  }
}

/** Card payments asked of the terminal, `saleId tenderId` per line, fsynced before the terminal is asked. */
class CardIntents {
  readonly #bySale = new Map<string, string[]>();
  readonly #file: string;
  constructor(dir: string) {
    this.#file = join(dir, 'card-intents.log');
    if (!existsSync(this.#file)) return;
    const text = readFileSync(this.#file, 'utf8');
    const lines = text.split('\n');
    if (!text.endsWith('\n')) lines.pop();
    for (const line of lines) {
      const [saleId, tenderId] = line.split(' ');
      if (saleId && tenderId) this.#bySale.set(saleId, [...(this.#bySale.get(saleId) ?? []), tenderId]);
    }
  }
  forSale(saleId: string): readonly string[] {
    return this.#bySale.get(saleId) ?? [];
  }
  note(saleId: string, tenderId: string): void {
    const fd = openSync(this.#file, 'a');
    appendFileSync(fd, `\n${saleId} ${tenderId}\n`);
    fsyncSync(fd);
    closeSync(fd);
    this.#bySale.set(saleId, [...this.forSale(saleId), tenderId]);
  }
}

async function main(): Promise<void> {
  const db = await openReplica();
  replicate(db);
  const newId = createIdGenerator();
  const ledger = new PrintLedger(config.dataDir);
  const intents = new CardIntents(config.dataDir);
  const catalog = await waitForCatalog(db);
  // The lane device host in this process: hardware-sim's printer (TCP) and nexo card terminal (HTTPS).
  const devices = await openLaneDevices(config.devices);
  const store = catalog.store;
  const currency = store?.currency ?? 'CNY';
  const f = laneFormat('en-US', currency, store?.timeZone ?? 'UTC');
  say({ event: 'ready', products: catalog.products.length });

  const mine = { deviceId: config.deviceId };
  // 1, 2, 3… over this device's ledger lines with no gaps, carried on from the replica after a restart.
  const last = await db.stock_movements
    .findOne({ selector: mine, sort: [{ deviceId: 'desc' }, { deviceSequence: 'desc' }] } as never)
    .exec();
  let sequence = ((last?.toMutableJSON() as StockMovementDoc | undefined)?.deviceSequence ?? 0) + 1;

  /** Everything after completion, each step skipped when already done: stock, points, paper. */
  const followUps = async (sale: SaleDoc, spentPoints: number): Promise<void> => {
    if (sale.status !== 'completed') return;
    const existing = await db.stock_movements.count({ selector: { sourceId: sale.id } }).exec();
    if (existing === 0) {
      const movements = sale.lines
        .filter((line) => !line.voided)
        .map((line) => ({
          id: newId(),
          storeId: sale.storeId,
          productId: line.productId,
          kind: sale.kind === 'return' ? 'return' : 'sale',
          quantity: line.unit === 'weight' ? (line.weightGrams ?? 0) : line.quantity,
          unit: line.unit === 'weight' ? 'gram' : 'unit',
          deviceId: sale.deviceId,
          deviceSequence: sequence++,
          sourceId: sale.id,
          reason: '',
          employeeId: sale.cashierId,
          occurredAt: sale.completedAt ?? Date.now(),
        }));
      if (movements.length > 0) await db.stock_movements.bulkInsert(movements);
    }
    const earned = sale.memberId && sale.kind === 'sale' ? Math.floor(sale.totals.due / 100) : 0;
    const spent = spentPointsOf(sale) || spentPoints;
    if (sale.memberId && (earned > 0 || spent > 0)) {
      const have = await db.loyalty_entries.count({ selector: { saleId: sale.id } }).exec();
      if (have === 0) {
        const entry = (kind: 'points-earned' | 'points-spent', points: number) => ({
          id: newId(),
          storeId: sale.storeId,
          memberId: sale.memberId ?? '',
          saleId: sale.id,
          couponCode: '',
          deviceId: sale.deviceId,
          employeeId: sale.cashierId,
          createdAt: sale.completedAt ?? Date.now(),
          kind,
          points,
        });
        await db.loyalty_entries.bulkInsert([
          ...(spent > 0 ? [entry('points-spent', -spent)] : []),
          ...(earned > 0 ? [entry('points-earned', earned)] : []),
        ]);
      }
    }
    if (!ledger.printed.has(sale.id)) {
      await print(sale, earned, spent);
      ledger.note(sale.id);
    }
  };

  const print = async (sale: SaleDoc, earned: number, spent: number): Promise<void> => {
    const layout = receiptLayout(
      sale,
      store,
      config.cashierName,
      f,
      {
        header: sale.kind === 'return' ? RECEIPT_LABELS.return : RECEIPT_LABELS.sale,
        cashier: RECEIPT_LABELS.cashier,
        lane: RECEIPT_LABELS.lane,
        total: RECEIPT_LABELS.total,
        taxSummary: RECEIPT_LABELS.taxSummary,
        cash: RECEIPT_LABELS.cash,
        card: RECEIPT_LABELS.card,
        changeLine: RECEIPT_LABELS.changeLine,
        thanks: RECEIPT_LABELS.thanks,
      },
      (price) => `${price}/kg`,
    );
    if (sale.memberId) {
      // The member block, before the barcode: the member's id (never a phone number) and the points.
      const at = layout.blocks.findIndex((b) => b.kind === 'barcode');
      layout.blocks.splice(
        Math.max(0, at - 1),
        0,
        { kind: 'text', text: `${RECEIPT_LABELS.member} ${sale.memberId}` },
        ...(earned > 0 ? [{ kind: 'text' as const, text: `${RECEIPT_LABELS.pointsEarned} ${earned}` }] : []),
        ...(spent > 0 ? [{ kind: 'text' as const, text: `${RECEIPT_LABELS.pointsSpent} ${spent}` }] : []),
      );
    }
    for (let attempt = 1; ; attempt++) {
      const done = await devices.invoke('printer', 'printer.print', {
        jobId: sale.id,
        receipt: layout,
        reprint: attempt > 1,
      });
      if (done.ok) return;
      say({ event: 'print-retry', saleId: sale.id, reason: done.reason });
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * attempt)));
    }
  };

  const cardOutcome = (tenderId: string) =>
    finalCardOutcome(devices.invoke, tenderId, (why) =>
      say({ event: 'card-status-pending', tenderId, reason: why }),
    );

  // Recovery: open sales left by a crash, then completed sales whose follow-ups did not all happen.
  for (const open of await docs<SaleDoc>(db.sales, { ...mine, status: 'open' })) {
    // A card asked for just before the crash: the terminal says whether it was charged, and a charge
    // becomes the tender it was meant to be. Unknown to the terminal (it never took the message) or
    // declined means no money moved.
    let sale = open;
    for (const tenderId of intents.forSale(open.id)) {
      if (sale.tenders.some((t) => t.id === tenderId)) continue;
      const answer = await cardOutcome(tenderId);
      if (answer.outcome !== 'approved' || !answer.amount) {
        say({ event: 'card-not-charged', saleId: open.id, tenderId, outcome: answer.outcome });
        continue;
      }
      const tendered = addTender(sale, {
        id: tenderId,
        kind: 'card',
        amount: answer.amount.minor,
        ...(answer.authCode ? { reference: answer.authCode } : {}),
      });
      if (tendered.ok) sale = tendered.value;
      say({ event: 'card-recovered', saleId: open.id, tenderId });
    }
    // Money already taken is kept: the rest is taken in cash.
    if (sale.kind === 'sale' && sale.tenders.length > 0 && balanceDue(sale) > 0) {
      const rest = addTender(sale, { id: newId(), kind: 'cash', amount: cashBalanceDue(sale) });
      if (rest.ok) sale = rest.value;
    }
    const settled = sale.tenders.length > 0 ? completeSale(sale, Date.now()) : cancelSale(sale, Date.now());
    if (settled.ok) await db.sales.upsert(settled.value);
    else say({ event: 'open-sale-left', saleId: open.id, reason: settled.reason });
  }
  let recovered = 0;
  const completedHere = await docs<SaleDoc>(db.sales, { ...mine, status: 'completed' });
  for (const sale of completedHere) {
    const before = ledger.printed.has(sale.id);
    await followUps(sale, 0);
    if (!before) recovered += 1;
  }
  if (recovered > 0) say({ event: 'recovered', receipts: recovered });

  const shiftId = `shift-${config.deviceId}`;
  // This lane's own day in memory (it is the only writer of its documents): no query grows with the day.
  const ownSales = completedHere.filter((s) => s.kind === 'sale');
  const returned = new Set(
    completedHere.flatMap((s) => (s.kind === 'return' && s.originalSaleId ? [s.originalSaleId] : [])),
  );
  let completedCount = completedHere.length;
  // A shopper who leaves with nothing (every item refused) is followed by the next attempt at the same sale.
  let attempt = 0;
  while (completedCount < config.targetSales) {
    const before = completedCount;
    await shopper(completedCount, attempt);
    attempt = completedCount === before ? attempt + 1 : 0;
  }
  say({ event: 'done' });

  async function shopper(n: number, attempt: number): Promise<void> {
    const random = new SeededRandom(hashText(`${config.seed}/${config.name}/${n}/${attempt}`));
    const now = Date.now();
    const env = pricingEnvAt(catalog, now);
    const businessDay = store ? businessDayOf(now, store) : localClock(now, 'UTC').day;
    let sale: SaleDoc;
    if (n > 5 && random.chance(0.06)) {
      const original = ownSales[random.int(0, ownSales.length - 1)];
      const line = original?.lines.find((l) => !l.voided);
      if (!original || !line || returned.has(original.id))
        return shopperSale(n, random, env, businessDay, now);
      const returns: SaleDoc[] = [];
      const created = createReturn({
        id: newId(),
        storeId: config.storeId,
        deviceId: config.deviceId,
        shiftId,
        cashierId: config.cashierId,
        businessDay,
        openedAt: now,
        original,
        priorReturns: returns,
        items: [{ lineId: line.id, quantity: 1 }],
      });
      if (!created.ok) return shopperSale(n, random, env, businessDay, now);
      sale = created.value;
      // A unit that cost nothing (a free item of a promotion) comes back with nothing to refund.
      if (sale.totals.due === 0) return finish(sale, 0);
      const refunded = addTender(sale, { id: newId(), kind: 'cash', amount: sale.totals.due });
      if (!refunded.ok) throw new Error(`refund: ${refunded.reason}`);
      return finish(refunded.value, 0);
    }
    return shopperSale(n, random, env, businessDay, now);
  }

  async function shopperSale(
    _n: number,
    random: SeededRandom,
    env: ReturnType<typeof pricingEnvAt>,
    businessDay: string,
    now: number,
  ): Promise<void> {
    const opened = openSale({
      id: newId(),
      storeId: config.storeId,
      deviceId: config.deviceId,
      shiftId: `shift-${config.deviceId}`,
      cashierId: config.cashierId,
      businessDay,
      currency,
      taxMode: store?.taxMode ?? 'inclusive',
      taxRounding: store?.taxRounding ?? 'line',
      ...(store ? { cashRoundingStep: store.cashRoundingStep } : {}),
      openedAt: now,
    });
    if (!opened.ok) throw new Error(`openSale: ${opened.reason}`);
    let sale = opened.value;
    const items = random.int(1, 6);
    for (let i = 0; i < items; i++) {
      const product = random.pick(catalog.products);
      const code = product.gtins[0];
      let added: ReturnType<typeof sellProduct>;
      if (product.unit === 'weight' || !code) {
        // Loose produce: keyed by PLU, weighed on the scale (a stable weight in grams).
        added = sellProduct(
          sale,
          catalog,
          {
            lineId: newId(),
            product,
            entry: 'weighed',
            weightGrams: random.int(150, 2_500),
            ...(product.plu ? { plu: product.plu } : {}),
          },
          now,
        );
      } else {
        const parsed = parseBarcode(code);
        if (!parsed.ok) continue;
        const action = resolveScan(catalog, parsed);
        if (action.kind !== 'sell') continue;
        added = sellProduct(
          sale,
          catalog,
          {
            lineId: newId(),
            product: action.product,
            entry: 'scanned',
            gtin: action.gtin,
            ...(random.chance(0.15) ? { quantity: 2 } : {}),
          },
          now,
        );
      }
      if (added.ok) sale = added.value;
    }
    if (!sale.lines.some((l) => !l.voided)) return;
    let spent = 0;
    if (catalog.members.length > 0 && random.chance(0.3)) {
      const member = random.pick(catalog.members);
      const identified = identifyMember(sale, member.id, env);
      if (identified.ok) sale = identified.value;
      const balance = pointsBalance(
        await docs<LoyaltyEntryDoc>(db.loyalty_entries, { memberId: member.id }),
        member.id,
      );
      if (balance >= 1_000 && sale.totals.due > 2_000 && random.chance(0.3)) {
        const discounted = addManualDiscount(
          sale,
          { id: newId(), amount: 500, approvedBy: config.cashierId, reason: `points:500` },
          env,
        );
        if (discounted.ok) {
          sale = discounted.value;
          spent = 500;
        }
      }
    }
    if (requiredAge(sale) > 0) {
      const verified = verifyAge(sale, config.cashierId);
      if (verified.ok) sale = verified.value;
    }
    const how = random.next();
    // Nothing due asks no card of the terminal (it refuses an amount of 0 as an invalid request).
    if ((how < 0.4 || how >= 0.85) && balanceDue(sale) > 0) {
      // Card (alone, or for part of the bill with the rest in cash) through the terminal.
      // A split leaves at least one yuan for the cash drawer, so the rest never rounds to nothing in cash.
      const balance = balanceDue(sale);
      const amount = how < 0.4 || balance < 200 ? balance : Math.floor(balance / 2);
      const tenderId = newId();
      // The basket and the intent are on disk before the terminal is asked: a crash while the card is
      // charged leaves what the restart needs to find the charge.
      await db.sales.upsert(sale);
      intents.note(sale.id, tenderId);
      const paid = await devices.invoke('terminal', 'payment-terminal.purchase', {
        requestId: tenderId,
        minor: amount,
        currency,
      });
      // A timeout is no answer, not a refusal: the terminal is asked what became of the tender.
      const approved: { authCode?: string; minor: number } | undefined = paid.ok
        ? (paid.value as { authCode: string; minor: number })
        : paid.reason === 'timeout'
          ? await cardOutcome(tenderId).then((answer) =>
              answer.outcome === 'approved' && answer.amount
                ? { minor: answer.amount.minor, ...(answer.authCode ? { authCode: answer.authCode } : {}) }
                : undefined,
            )
          : undefined;
      if (approved) {
        const r = addTender(sale, {
          id: tenderId,
          kind: 'card',
          amount: approved.minor,
          ...(approved.authCode ? { reference: approved.authCode } : {}),
        });
        if (r.ok) {
          sale = r.value;
          // Money taken is on the replica at once, as the lane does: a crash now does not lose it.
          await db.sales.upsert(sale);
        }
      } else say({ event: 'card-failed', reason: paid.reason, detail: paid.detail });
    }
    if (balanceDue(sale) > 0 && cashBalanceDue(sale) > 0) {
      const due = cashBalanceDue(sale);
      const step = random.chance(0.5) ? 1 : 1_000; // exact, or a note that needs change
      const cash = Math.ceil(due / step) * step;
      const r = addTender(sale, { id: newId(), kind: 'cash', amount: cash });
      if (!r.ok) throw new Error(`cash: ${r.reason}`);
      sale = r.value;
    }
    return finish(sale, spent);
  }

  async function finish(sale: SaleDoc, spent: number): Promise<void> {
    const done = completeSale(sale, Date.now());
    if (!done.ok) throw new Error(`completeSale: ${done.reason}`);
    await db.sales.upsert(done.value);
    await followUps(done.value, spent);
    if (done.value.kind === 'sale') ownSales.push(done.value);
    else if (done.value.originalSaleId) returned.add(done.value.originalSaleId);
    completedCount += 1;
    say({ event: 'completed', saleId: done.value.id, kind: done.value.kind });
  }

  function spentPointsOf(sale: SaleDoc): number {
    return sale.manualDiscounts
      .filter((d) => d.reason.startsWith('points:'))
      .reduce((sum, d) => sum + Number(d.reason.slice('points:'.length)), 0);
  }
}

main().catch((error: unknown) => {
  say({ event: 'crashed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
