import type { PriceDoc, ProductDoc, PromotionDoc } from '@storefloor/core';
import { ShelfLabelAccessPoint } from '@storefloor/device-drivers';
import type Database from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Subscription } from 'rxjs';
import type { LaneRegistry } from '../lan/lane-registry.js';
import type { StoreReplica } from '../replica/store-replica.js';
import { LabelBindingScans } from './label-binding-scans.js';
import type { LabelClock } from './label-clock.js';
import { MasterDataPriceSource } from './master-data-price-source.js';
import { ShelfLabelBindings } from './shelf-label-bindings.js';
import type { ShelfLabelMismatch } from './shelf-label-ledger.js';
import { ShelfLabelScheduler } from './shelf-label-scheduler.js';

export interface ShelfLabelsConfig {
  /** Every OpenEPaperLink access point of the store. */
  readonly accessPoints: readonly { readonly id: string; readonly url: string }[];
  /** The label type a binding gets when the scan names none (default 2.9-bwr). */
  readonly defaultLabelType?: string;
  /** The store's time zone for validity texts (default Asia/Shanghai). */
  readonly timeZone?: string;
  /** Injected clock (tests drive midnight with a ManualLabelClock). */
  readonly clock?: LabelClock;
  /** AP tag-list poll period, ms (default 30 s). */
  readonly pollMs?: number;
}

interface ScanBody {
  readonly deviceId?: unknown;
  readonly code?: unknown;
  readonly kind?: unknown;
  readonly employeeId?: unknown;
  readonly labelType?: unknown;
}

/**
 * The agent's shelf labels: bindings in the agent's SQLite, a price source fed from the replica (at start
 * and on every change a pull from HQ writes, so an HQ import too), the scheduler that renders and pushes,
 * and the LAN routes. Routes exist from the start; they answer `not-enrolled` until `start` ran.
 */
export class ShelfLabelsHub {
  readonly bindings: ShelfLabelBindings;
  #scheduler: ShelfLabelScheduler | undefined;
  #scans: LabelBindingScans | undefined;
  readonly #subscriptions: Subscription[] = [];
  readonly #gtins = new Map<string, string>();
  readonly #products = new Set<string>();

  constructor(
    readonly db: Database.Database,
    readonly config: ShelfLabelsConfig,
  ) {
    this.bindings = new ShelfLabelBindings(db);
  }

  get scheduler(): ShelfLabelScheduler | undefined {
    return this.#scheduler;
  }

  async start(replica: StoreReplica, storeId: string): Promise<void> {
    const source = new MasterDataPriceSource({ storeId, timeZone: this.config.timeZone ?? 'Asia/Shanghai' });
    const load = async (name: 'products' | 'prices' | 'promotions') =>
      (await replica.collections[name].find().exec()).map((d) => d.toJSON() as unknown);
    const products = (await load('products')) as ProductDoc[];
    this.#index(products);
    source.apply({
      products,
      prices: (await load('prices')) as PriceDoc[],
      promotions: (await load('promotions')) as PromotionDoc[],
    });
    for (const name of ['products', 'prices', 'promotions'] as const) {
      this.#subscriptions.push(
        replica.collections[name].$.subscribe((event) => {
          const doc = event.documentData as unknown;
          if (name === 'products') this.#index([doc as ProductDoc]);
          source.apply({ [name]: [doc] } as Parameters<MasterDataPriceSource['apply']>[0]);
        }),
      );
    }
    const accessPoints = new Map(
      this.config.accessPoints.map((c) => [c.id, new ShelfLabelAccessPoint({ id: c.id, url: c.url })]),
    );
    this.#scans = new LabelBindingScans(
      this.bindings,
      (code) => {
        if (this.#products.has(code)) return { productId: code };
        const productId = this.#gtins.get(code);
        return productId ? { productId } : undefined;
      },
      this.config.defaultLabelType ?? '2.9-bwr',
    );
    this.#scheduler = new ShelfLabelScheduler({
      db: this.db,
      bindings: this.bindings,
      source,
      accessPoints,
      ...(this.config.clock ? { clock: this.config.clock } : {}),
      ...(this.config.pollMs ? { pollMs: this.config.pollMs } : {}),
    });
    await this.#scheduler.start();
  }

  /** Labels whose shown price differs from the register's, for the manager and the day-end report. */
  mismatches(): ShelfLabelMismatch[] {
    return this.#scheduler?.mismatches() ?? [];
  }

  stop(): void {
    for (const s of this.#subscriptions.splice(0)) s.unsubscribe();
    this.#scheduler?.stop();
  }

  #index(products: readonly ProductDoc[]): void {
    for (const p of products) {
      this.#products.add(p.id);
      for (const gtin of p.gtins) this.#gtins.set(gtin, p.id);
      if (p.plu) this.#gtins.set(p.plu, p.id);
    }
  }

  /** Registers the routes on the LAN server (before it listens); callers authenticate as enrolled lanes. */
  routes(app: FastifyInstance, registry: LaneRegistry): void {
    const refuse = (reply: FastifyReply, status: number, code: string, detail?: string) =>
      reply.code(status).send({ error: { code, ...(detail ? { detail } : {}) } });
    const auth = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return void refuse(reply, 401, 'unauthorized');
      const lane = registry.authenticate(token);
      if (!lane.ok) return void refuse(reply, 401, lane.reason);
      if (!this.#scheduler)
        return void refuse(reply, 503, 'not-enrolled', 'shelf labels start once enrolled');
    };
    app.post('/api/shelf-labels/scans', { preHandler: auth }, async (request, reply) => {
      const body = (request.body ?? {}) as ScanBody;
      const scans = this.#scans;
      if (!scans) return refuse(reply, 503, 'not-enrolled');
      const { deviceId, code, kind, employeeId, labelType } = body;
      if (typeof deviceId !== 'string' || !deviceId) return refuse(reply, 400, 'invalid-request', 'deviceId');
      if (kind !== 'unbind' && (typeof code !== 'string' || !code))
        return refuse(reply, 400, 'invalid-request', 'code');
      if ((kind === 'product' || kind === 'unbind') && (typeof employeeId !== 'string' || !employeeId))
        return refuse(reply, 400, 'invalid-request', 'employeeId');
      const now = this.config.clock?.now() ?? Date.now();
      const outcome =
        kind === 'label'
          ? scans.scanLabel(deviceId, code as string)
          : kind === 'product'
            ? scans.scanProduct(
                deviceId,
                code as string,
                employeeId as string,
                now,
                typeof labelType === 'string' ? labelType : undefined,
              )
            : kind === 'unbind'
              ? scans.unbindPending(deviceId, employeeId as string, now)
              : undefined;
      if (!outcome) return refuse(reply, 400, 'invalid-request', 'kind is label, product or unbind');
      if (!outcome.ok)
        return refuse(
          reply,
          outcome.reason === 'unknown-product' ? 404 : 409,
          outcome.reason,
          outcome.detail,
        );
      return outcome.value;
    });
    app.get<{ Params: { productId: string } }>(
      '/api/shelf-labels/products/:productId',
      { preHandler: auth },
      async (request) => ({ bindings: this.bindings.forProduct(request.params.productId) }),
    );
    app.get('/api/shelf-labels', { preHandler: auth }, async () => ({
      labels: this.#scheduler?.labels() ?? [],
    }));
    app.get('/api/shelf-labels/mismatches', { preHandler: auth }, async () => {
      const now = this.config.clock?.now() ?? Date.now();
      return {
        mismatches: this.mismatches().map((m) => ({ ...m, forMs: Math.max(0, now - m.since) })),
      };
    });
  }
}
