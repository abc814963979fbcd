import { createHash } from 'node:crypto';
import {
  type AuditEntryDoc,
  createIdGenerator,
  err,
  ok,
  type SaleDoc,
  type StockMovementDoc,
} from '@storefloor/core';
import { CartLinkServer } from '@storefloor/device-drivers';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { LaneRegistry } from '../lan/lane-registry.js';
import type { LaneDocuments, LaneScope } from '../replica/lane-document-store.js';
import type { StoreReplica } from '../replica/store-replica.js';
import type { AlertBoard, AlertKind } from '../self-checkout/alert-board.js';
import type { CheckAttendant } from '../self-checkout/self-checkout-routes.js';
import type { AgentDatabase } from '../state/agent-database.js';
import type { WalletChargeRequest, WalletFailure } from '../wallet/wallet-payment.js';
import { CartCardTerminals, type CartTerminalConfig } from './cart-card-terminals.js';
import { SqliteCartLinkState } from './cart-link-state.js';
import { cartRoutes } from './cart-routes.js';
import { type CartPayment, CartService } from './cart-service.js';
import type { CartAlert, CartAlertKind, CartSessionState } from './cart-session.js';
import { ReplicaCartCatalog } from './replica-cart-catalog.js';

export interface SmartCartsConfig {
  /** The cart link's WebSocket port (carts dial `ws://host:port/…`); 0 picks a free one (tests). */
  readonly port: number;
  /** Listen address (default: the LAN server's). */
  readonly host?: string;
  /** Link heartbeat (default 5000 ms; a cart silent for 3 periods is dropped and reconnects). */
  readonly heartbeatMs?: number;
  /** How long an exit code stays valid (default 15 min). */
  readonly exitCodeTtlMs?: number;
  /**
   * The nexo card terminals the agent drives for carts, each naming the carts it serves (`*`: every cart
   * not named elsewhere, a shared terminal at the cart checkout point). None: carts pay by wallet only.
   */
  readonly terminals?: readonly CartTerminalConfig[];
  readonly now?: () => number;
}

/** The agent's wallet charge for its own devices (`startWalletRoutes(...).charge`). */
export type AgentWalletCharge = (
  deviceId: string,
  request: WalletChargeRequest,
) => Promise<
  | { ok: true; providerTradeNo: string }
  | { ok: false; reason: WalletFailure | 'wallet-not-configured'; detail?: string }
>;

/** Cart alert kinds as the attendant board names the kiosk's (the same screen shows both). */
const BOARD_KIND: Record<CartAlertKind, AlertKind> = {
  'unscanned-item': 'unexpected-item',
  'weight-mismatch': 'weight-mismatch',
  'unexpected-removal': 'item-removed',
};

export interface SmartCartsStart {
  readonly replica: StoreReplica;
  readonly documents: LaneDocuments;
  /** The agent as a device: cart sales and audit entries are written, and reach HQ, as its own. */
  readonly agent: LaneScope;
  readonly wallet: AgentWalletCharge;
}

/**
 * The agent's smart carts: the cart link (device-drivers' CartLinkServer, its per-cart sequences in the
 * agent's SQLite), the CartService on the store's master data from the replica, alerts on the attendant
 * board the kiosks use, sales and audit entries written into the replica as the agent (so the outbox takes
 * them to HQ once), wallet payment through the agent's wallet ledger, and the staff and exit-gate routes.
 * Routes exist from the start; they answer `not-enrolled` / `carts-not-ready` until `start` ran.
 */
export class SmartCartsHub {
  readonly link: CartLinkServer;
  /** The card terminals serving carts (undefined: none configured). */
  readonly terminals: CartCardTerminals | undefined;
  readonly #db: AgentDatabase;
  readonly #config: SmartCartsConfig;
  readonly #log: FastifyBaseLogger;
  #service: CartService | undefined;
  #catalog: ReplicaCartCatalog | undefined;
  #offBoard: (() => void) | undefined;
  #board: AlertBoard | undefined;
  #stopped = false;
  #starting: Promise<void> | undefined;
  /** Alerts being closed on the board by the cart route itself (already resolved at the cart). */
  readonly #resolvedHere = new Set<string>();
  /** Audit entries on their way into the replica; the agent's stop waits for them. */
  readonly #writing = new Set<Promise<void>>();

  constructor(db: AgentDatabase, config: SmartCartsConfig, log: FastifyBaseLogger) {
    if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65_535)
      throw new RangeError('smart carts option "port" must be an integer 0-65535');
    this.#db = db;
    this.#config = config;
    this.#log = log;
    this.terminals =
      config.terminals && config.terminals.length > 0 ? new CartCardTerminals(config.terminals) : undefined;
    this.link = new CartLinkServer({
      id: 'cart-link',
      port: config.port,
      ...(config.host ? { host: config.host } : {}),
      ...(config.heartbeatMs ? { heartbeatMs: config.heartbeatMs } : {}),
      linkState: new SqliteCartLinkState(db),
    });
    this.link.on('error', (e) => this.#log.warn({ cartLink: e }, 'cart link refused a frame'));
  }

  get service(): CartService | undefined {
    return this.#service;
  }

  /** The cart link's URL once it listens. */
  get url(): string | undefined {
    return this.link.port === undefined ? undefined : this.link.location();
  }

  routes(
    app: FastifyInstance,
    deps: {
      registry: LaneRegistry;
      storeId: () => string | undefined;
      board: AlertBoard;
      checkAttendant: CheckAttendant;
    },
  ): void {
    this.#board = deps.board;
    cartRoutes(app, {
      registry: deps.registry,
      storeId: deps.storeId,
      service: () => this.#service,
      links: () => this.link.carts(),
      checkAttendant: deps.checkAttendant,
      heldAlertId: (cartId, sessionId, reason) => this.heldAlertId(cartId, sessionId, reason),
      onResolved: (alertId, action, employeeId, fromDeviceId) => {
        this.#resolvedHere.add(alertId);
        try {
          deps.board.close(alertId, action === 'approve' ? 'approved' : 'rejected', {
            employeeId,
            deviceId: fromDeviceId,
            reason: action,
            at: this.#now(),
          });
        } finally {
          this.#resolvedHere.delete(alertId);
        }
      },
    });
  }

  /** Loads the catalog, waits for the store's settings in the replica, then serves the carts. */
  start(deps: SmartCartsStart): Promise<void> {
    this.#starting = this.#start(deps);
    return this.#starting;
  }

  async #start(deps: SmartCartsStart): Promise<void> {
    const { agent, documents } = deps;
    const catalog = new ReplicaCartCatalog(agent.storeId);
    this.#catalog = catalog;
    await catalog.start(deps.replica);
    while (!catalog.ready(this.#now())) {
      if (this.#stopped) return;
      // The first pull from HQ brings the store's settings; nothing is priced before it.
      await new Promise((resolve) => setTimeout(resolve, 200).unref());
    }
    if (this.#stopped) return;
    const write = async (collection: string, docs: readonly object[]) => {
      if (docs.length === 0) return;
      const written = await documents.push(
        collection,
        agent,
        docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
      );
      if (!written.ok) throw new Error(`${collection} not written: ${written.code} ${written.detail ?? ''}`);
    };
    // The agent's own stock ledger lines (cart sales): 1, 2, 3… with no gaps, carried on from the replica.
    const last = await deps.replica.stock_movements
      .findOne({
        selector: { deviceId: agent.deviceId },
        sort: [{ deviceId: 'desc' }, { deviceSequence: 'desc' }],
      } as never)
      .exec();
    let nextSequence = ((last?.toJSON() as StockMovementDoc | undefined)?.deviceSequence ?? 0) + 1;
    const newId = createIdGenerator();
    const movementsOf = (sale: SaleDoc): StockMovementDoc[] =>
      sale.lines
        .filter((line) => !line.voided)
        .map((line) => ({
          id: newId(),
          storeId: sale.storeId,
          productId: line.productId,
          kind: 'sale' as const,
          quantity: line.unit === 'weight' ? (line.weightGrams ?? 0) : line.quantity,
          unit: line.unit === 'weight' ? ('gram' as const) : ('unit' as const),
          deviceId: sale.deviceId,
          deviceSequence: nextSequence++,
          sourceId: sale.id,
          reason: '',
          employeeId: sale.cashierId,
          occurredAt: sale.completedAt ?? this.#now(),
        }));
    await this.terminals?.start((terminalId, detail) =>
      this.#log.warn({ terminalId, detail }, 'cart card terminal not answering yet; it is retried'),
    );
    const payment: CartPayment = {
      ...(this.terminals ? { card: this.terminals } : {}),
      async charge(request) {
        if (!request.paymentCode)
          return err('payment-code-needed', 'scan the WeChat Pay or Alipay payment code on the cart');
        const paid = await deps.wallet(request.cartId, {
          tenderId: request.tenderId,
          provider: request.paymentCode.provider,
          code: request.paymentCode.code,
          amount: { minor: request.amount, currency: request.currency },
          subject: `Storefloor ${agent.storeId} · cart ${request.cartId}`,
        });
        return paid.ok
          ? ok({ kind: 'wallet' as const, reference: paid.providerTradeNo })
          : err(paid.reason, paid.detail);
      },
    };
    const service = new CartService({
      db: this.#db,
      link: this.link,
      catalog,
      payment,
      deviceId: agent.deviceId,
      shiftOf: (cartId) => `cart-${cartId}`,
      recordSale: async (sale, redemptions) => {
        await write('sales', [sale]);
        // What the cart took out of the store, as a lane records its sales (on hand = count + movements).
        await write('stock_movements', movementsOf(sale));
        await write('loyalty_entries', redemptions);
      },
      audit: (entry: AuditEntryDoc) => {
        const writing = write('audit_entries', [entry])
          .catch((error: unknown) =>
            this.#log.error({ err: error, action: entry.action }, 'cart audit entry not written'),
          )
          .finally(() => this.#writing.delete(writing));
        this.#writing.add(writing);
      },
      onAlert: (alert, session) => this.#raise(alert, session),
      onError: (error, cartId, type) =>
        this.#log.error({ err: error, cartId, type }, 'a cart message could not be applied'),
      onCheckoutHeld: (session, reason) => {
        this.#board?.raise({
          id: this.heldAlertId(session.cartId, session.sessionId, reason),
          storeId: agent.storeId,
          deviceId: session.cartId,
          kioskLabel: `Cart ${session.cartId}`,
          kind: reason === 'age-verification-required' ? 'age-restricted' : 'help',
          saleId: '',
          lineId: '',
          productId: '',
          productName: '',
          facts: { cartId: session.cartId, sessionId: session.sessionId, cartAlert: reason },
          raisedAt: this.#now(),
        });
      },
      onForgedSession: (cartId, sessionId, currentSessionId) => {
        // Nothing changed at the cart; staff are told someone speaks for it (the attendant acknowledges).
        this.#board?.raise({
          id: this.#forgedAlertId(cartId, sessionId),
          storeId: agent.storeId,
          deviceId: cartId,
          kioskLabel: `Cart ${cartId}`,
          kind: 'help',
          saleId: '',
          lineId: '',
          productId: '',
          productName: '',
          facts: {
            cartId,
            cartAlert: 'forged-session',
            forgedSession: sessionId,
            currentSession: currentSessionId ?? '',
          },
          raisedAt: this.#now(),
        });
      },
      ...(this.#config.now ? { now: this.#config.now } : {}),
      ...(this.#config.exitCodeTtlMs ? { exitCodeTtlMs: this.#config.exitCodeTtlMs } : {}),
    });
    // An attendant who answers a cart alert on the kiosk alerts' screen answers it at the cart too:
    // approved is approved, rejected means the item must come out.
    this.#offBoard = this.#board?.onChange((changed) => {
      const cartId = changed.facts.cartId;
      if (typeof cartId !== 'string' || this.#resolvedHere.has(changed.id)) return;
      if (changed.status !== 'approved' && changed.status !== 'rejected') return;
      if (changed.facts.cartAlert === 'age-verification-required') {
        if (changed.status === 'approved') service.verifyAge(cartId, changed.resolvedBy);
        return;
      }
      service.resolveAlert(
        cartId,
        changed.id,
        changed.status === 'approved' ? 'approve' : 'remove',
        changed.resolvedBy,
      );
    });
    service.start();
    this.#service = service;
    const opened = await this.link.open();
    if (!opened.ok) throw new Error(`cart link: ${opened.reason} ${opened.detail ?? ''}`);
    await this.link.claim();
    await this.link.enable();
    this.#log.info({ url: this.link.location() }, 'cart link serving');
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#starting?.catch(() => undefined);
    this.#offBoard?.();
    this.#service?.stop();
    await this.#service?.settled();
    await Promise.all([...this.#writing]);
    this.#catalog?.stop();
    await this.terminals?.stop();
    await this.link.shutdown();
  }

  #raise(alert: CartAlert, session: CartSessionState): void {
    const board = this.#board;
    if (!board) return;
    const line = session.lines.find((l) => l.lineId === alert.lineId);
    board.raise({
      id: alert.id,
      storeId: this.#catalog?.settings(alert.raisedAt).storeId ?? '',
      deviceId: session.cartId,
      kioskLabel: `Cart ${session.cartId}`,
      kind: BOARD_KIND[alert.kind],
      saleId: '',
      lineId: alert.lineId ?? '',
      productId: line?.productId ?? '',
      productName: '',
      facts: {
        cartId: session.cartId,
        sessionId: session.sessionId,
        cartAlert: alert.kind,
        deltaGrams: alert.deltaGrams,
        ...(alert.expectedGrams === undefined ? {} : { expectedGrams: alert.expectedGrams }),
      },
      raisedAt: alert.raisedAt,
    });
  }

  /** The board alert of a checkout held for `reason` (one per session and reason, however often asked). */
  heldAlertId(cartId: string, sessionId: string, reason: string): string {
    return `cart-held-${createHash('sha256').update(`${cartId}\n${sessionId}\n${reason}`).digest('hex').slice(0, 32)}`;
  }

  /** One alert per cart and forged session, however many messages it sends. */
  #forgedAlertId(cartId: string, sessionId: string): string {
    return `cart-forged-${createHash('sha256').update(`${cartId}\n${sessionId}`).digest('hex').slice(0, 32)}`;
  }

  #now(): number {
    return (this.#config.now ?? Date.now)();
  }
}
