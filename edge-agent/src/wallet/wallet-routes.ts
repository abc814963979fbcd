import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyEdgeError } from '../errors/reply-edge-error.js';
import type { LaneRegistry } from '../lan/lane-registry.js';
import type { LaneScope } from '../replica/lane-document-store.js';
import type { StoreReplica } from '../replica/store-replica.js';
import type { AgentDatabase } from '../state/agent-database.js';
import type { StoreWalletMovement } from './reconcile-statement.js';
import { type WalletConfig, walletServiceFrom } from './wallet-config.js';
import { WalletLedger, type WalletRefundRecord, type WalletTenderRecord } from './wallet-ledger.js';
import type { WalletChargeRequest, WalletFailure, WalletProvider } from './wallet-payment.js';
import type { WalletService } from './wallet-service.js';

const Provider = Type.Union([Type.Literal('wechat-pay'), Type.Literal('alipay')]);
/** out_trade_no: at most 32 letters, digits, "_" or "-" (WeChat micropay, Alipay trade.pay). */
const TenderId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });
const Amount = Type.Object(
  { minor: Type.Integer({ minimum: 1 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
  { additionalProperties: false },
);
const PaymentBody = Type.Object(
  {
    tenderId: TenderId,
    provider: Provider,
    code: Type.String({ minLength: 1, maxLength: 128 }),
    source: Type.Optional(Type.Union([Type.Literal('payment-code'), Type.Literal('face')])),
    amount: Amount,
    subject: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
const PaymentParams = Type.Object({ tenderId: TenderId });
const PaymentQuery = Type.Object({ waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })) });
const RefundBody = Type.Object(
  {
    tenderId: TenderId,
    refundId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    amount: Amount,
  },
  { additionalProperties: false },
);
const ReconcileBody = Type.Object(
  { provider: Provider, day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) },
  { additionalProperties: false },
);

export interface WalletRoutesOptions {
  /** Absent when the store has no wallet credentials: every route answers `wallet-not-configured`. */
  readonly wallet: WalletService | undefined;
  readonly ledger: WalletLedger;
  /** The lane behind a bearer token, or the catalog code to refuse it with. */
  readonly authenticate: (
    request: FastifyRequest,
  ) =>
    | { ok: true; lane: LaneScope }
    | { ok: false; code: Parameters<typeof replyEdgeError>[1]; detail?: string };
  /** Time of the ledger (settled-at, the statement day); the wallet clients' clock in tests. */
  readonly now?: () => number;
  /** How long a charge request waits for a final answer before it answers 202 with where it stands (2000 ms). */
  readonly answerWithinMs?: number;
  /**
   * Which of these tender ids a completed sale of the store carries (the store replica): a reconciliation
   * then also lists money the agent took that no sale records (a lane that crashed after the charge).
   */
  readonly salesCarrying?: (
    storeId: string,
    day: string,
    tenderIds: readonly string[],
  ) => Promise<ReadonlySet<string>>;
}

/** The view of a tender a lane gets: where it stands, what the provider said. */
export function tenderView(t: WalletTenderRecord) {
  return {
    tenderId: t.tenderId,
    provider: t.provider,
    source: t.source,
    state: t.state,
    amount: { minor: t.minor, currency: t.currency },
    ...(t.providerTradeNo ? { providerTradeNo: t.providerTradeNo } : {}),
    ...(t.failure ? { failure: t.failure } : {}),
  };
}

const isFinal = (t: WalletTenderRecord) =>
  t.state === 'paid' || (t.state === 'failed' && t.failure?.reason !== 'unknown');

/** The statement day of both providers is a Beijing (UTC+8) calendar day. */
function beijingDay(day: string): { from: number; to: number } {
  const from = Date.parse(`${day}T00:00:00+08:00`);
  return { from, to: from + 24 * 3600_000 };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

interface Running {
  readonly done: Promise<void>;
  readonly waiting: Promise<void>;
}

/**
 * The lanes' wallet routes (issue 15), on the agent's LAN server, device-token authenticated:
 * - `POST /api/wallet/payments` charges a payment code or face code; the tender id is the `out_trade_no`, so
 *   a request sent again joins the charge under way or gets its outcome, and never charges twice. It answers
 *   the outcome (200), or 202 with `pending` / `waiting-for-shopper` when none is final within a moment; the
 *   agent goes on polling up to the limit and reverses when still unpaid, whether or not the lane is there.
 * - `GET /api/wallet/payments/:tenderId[?waitMs]` where a tender stands (an order left unknown is asked about).
 * - `POST /api/wallet/refunds` refunds a paid tender under the refund's own id; more than is left is refused.
 * - `POST /api/wallet/reconciliations` the provider's daily statement against the agent's wallet ledger.
 * Credentials stay in the agent; with the WAN down a charge answers `failed` / `wan-down` at once.
 */
export function registerWalletRoutes(app: FastifyInstance, options: WalletRoutesOptions) {
  const { ledger, wallet } = options;
  const now = options.now ?? Date.now;
  const within = options.answerWithinMs ?? 2000;
  const running = new Map<string, Running>();
  const refunding = new Map<string, Promise<unknown>>();

  const requireLane = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const auth = options.authenticate(request);
    if (!auth.ok) return void replyEdgeError(reply, auth.code, auth.detail);
    request.lane = auth.lane;
    if (!wallet) return void replyEdgeError(reply, 'wallet-not-configured');
  };

  /** Runs a charge (or the settling of one cut short) in the background, recording each step. */
  const start = (tenderId: string, work: (onWaiting: () => void) => ReturnType<WalletService['charge']>) => {
    let waited: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => {
      waited = resolve;
    });
    const done = work(() => {
      ledger.waiting(tenderId);
      waited();
    })
      .then((outcome) => {
        if (outcome.ok) ledger.paid(tenderId, outcome.value.providerTradeNo, now());
        else ledger.failed(tenderId, outcome.reason, outcome.detail, now());
      })
      .catch((error: unknown) => {
        app.log.error({ err: error, tenderId }, 'wallet charge failed unexpectedly; left to be settled');
      })
      .finally(() => running.delete(tenderId));
    const entry = { done, waiting };
    running.set(tenderId, entry);
    return entry;
  };

  const settle = (t: WalletTenderRecord): Running =>
    running.get(t.tenderId) ??
    start(t.tenderId, () =>
      (wallet as WalletService).resolve(t.provider, t.tenderId, { minor: t.minor, currency: t.currency }),
    );

  const answer = async (reply: FastifyReply, tenderId: string, run: Running | undefined, waitMs: number) => {
    if (run) await Promise.race([run.done, run.waiting, delay(waitMs)]);
    const t = ledger.tender(tenderId) as WalletTenderRecord;
    return reply.code(isFinal(t) ? 200 : 202).send(tenderView(t));
  };

  app.get('/api/wallet', { onRequest: requireLane }, async () => ({
    providers: wallet?.providers() ?? [],
  }));

  app.post<{ Body: Static<typeof PaymentBody> }>(
    '/api/wallet/payments',
    { schema: { body: PaymentBody }, onRequest: requireLane },
    async (request, reply) => {
      const b = request.body;
      const lane = request.lane as LaneScope;
      const source = b.source ?? 'payment-code';
      const existing = ledger.tender(b.tenderId);
      if (existing) {
        if (
          existing.provider !== b.provider ||
          existing.minor !== b.amount.minor ||
          existing.currency !== b.amount.currency ||
          existing.deviceId !== lane.deviceId
        )
          return replyEdgeError(
            reply,
            'wallet-tender-conflict',
            `${b.tenderId} is ${existing.provider} ${existing.minor} ${existing.currency} from ${existing.deviceId}`,
          );
        const run = running.get(b.tenderId) ?? (isFinal(existing) ? undefined : settle(existing));
        return answer(reply, b.tenderId, run, within);
      }
      ledger.begin(
        {
          tenderId: b.tenderId,
          provider: b.provider,
          source,
          minor: b.amount.minor,
          currency: b.amount.currency,
          deviceId: lane.deviceId,
        },
        now(),
      );
      const run = start(b.tenderId, (onWaiting) =>
        (wallet as WalletService).charge(
          {
            tenderId: b.tenderId,
            provider: b.provider,
            code: b.code,
            source,
            amount: b.amount,
            subject: b.subject ?? `Storefloor ${lane.storeId}`,
          },
          onWaiting,
        ),
      );
      return answer(reply, b.tenderId, run, within);
    },
  );

  app.get<{ Params: Static<typeof PaymentParams>; Querystring: Static<typeof PaymentQuery> }>(
    '/api/wallet/payments/:tenderId',
    { schema: { params: PaymentParams, querystring: PaymentQuery }, onRequest: requireLane },
    async (request, reply) => {
      const t = ledger.tender(request.params.tenderId);
      if (!t) return replyEdgeError(reply, 'wallet-tender-not-found', request.params.tenderId);
      const run = running.get(t.tenderId) ?? (isFinal(t) ? undefined : settle(t));
      if (!run) return reply.send(tenderView(t));
      await Promise.race([run.done, delay(request.query.waitMs ?? 0)]);
      const latest = ledger.tender(t.tenderId) as WalletTenderRecord;
      return reply.code(isFinal(latest) ? 200 : 202).send(tenderView(latest));
    },
  );

  app.post<{ Body: Static<typeof RefundBody> }>(
    '/api/wallet/refunds',
    { schema: { body: RefundBody }, onRequest: requireLane },
    async (request, reply) => {
      const { tenderId, refundId, amount } = request.body;
      const tender = ledger.tender(tenderId);
      if (!tender) return replyEdgeError(reply, 'wallet-tender-not-found', tenderId);
      if (tender.state !== 'paid') return replyEdgeError(reply, 'wallet-tender-not-paid', tender.state);
      if (amount.currency !== tender.currency)
        return replyEdgeError(reply, 'invalid-request', `the tender was paid in ${tender.currency}`);
      // One refund of a tender at a time: two returns at once can never both take what is left.
      const before = refunding.get(tenderId) ?? Promise.resolve();
      type Outcome =
        | { code: 'wallet-refund-conflict' | 'wallet-refund-exceeds-payment'; detail: string }
        | { view: WalletRefundRecord | undefined };
      const work = before.then(async (): Promise<Outcome> => {
        const existing = ledger.refund(refundId);
        if (existing && (existing.tenderId !== tenderId || existing.minor !== amount.minor))
          return {
            code: 'wallet-refund-conflict',
            detail: `${refundId} is ${existing.minor} of ${existing.tenderId}`,
          };
        if (existing?.state === 'refunded') return { view: existing };
        const already = ledger.refundedOf(tenderId, refundId);
        if (amount.minor > tender.minor - already)
          return {
            code: 'wallet-refund-exceeds-payment',
            detail: `${amount.minor} asked, ${tender.minor - already} left of ${tender.minor}`,
          };
        ledger.beginRefund(refundId, tenderId, amount.minor, now());
        const done = await (wallet as WalletService).refund(tender.provider, {
          tenderId,
          refundId,
          amount,
          paid: { minor: tender.minor, currency: tender.currency },
          alreadyRefunded: already,
        });
        if (done.ok) ledger.refundDone(refundId);
        else ledger.refundFailed(refundId, done.reason, done.detail);
        return { view: ledger.refund(refundId) };
      });
      const settled = work.catch(() => undefined);
      refunding.set(tenderId, settled);
      void settled.finally(() => {
        if (refunding.get(tenderId) === settled) refunding.delete(tenderId);
      });
      const outcome = await work;
      if ('code' in outcome) return replyEdgeError(reply, outcome.code, outcome.detail);
      const r = outcome.view;
      if (!r) return replyEdgeError(reply, 'internal-error');
      return {
        tenderId: r.tenderId,
        refundId: r.refundId,
        provider: tender.provider,
        state: r.state,
        amount: { minor: r.minor, currency: tender.currency },
        ...(r.failure ? { failure: r.failure } : {}),
      };
    },
  );

  app.post<{ Body: Static<typeof ReconcileBody> }>(
    '/api/wallet/reconciliations',
    { schema: { body: ReconcileBody }, onRequest: requireLane },
    async (request, reply) => {
      const { provider, day } = request.body;
      const movements = storeMovements(ledger, provider, day);
      const report = await (wallet as WalletService).reconcile(provider, day, movements);
      if (!report.ok) {
        if (report.reason === 'provider-not-configured')
          return replyEdgeError(reply, 'wallet-not-configured', provider);
        return replyEdgeError(
          reply,
          'wallet-statement-unavailable',
          `${report.reason}: ${report.detail ?? ''}`,
        );
      }
      if (!options.salesCarrying) return { provider, day, ...report.value };
      const { from, to } = beijingDay(day);
      const paid = ledger.paidBetween(provider, from, to);
      const carried = await options.salesCarrying(
        (request.lane as LaneScope).storeId,
        day,
        paid.map((t) => t.tenderId),
      );
      // Money the agent took that no completed sale records: refund it, or find the sale.
      const paidWithoutSale = paid
        .filter((t) => !carried.has(t.tenderId))
        .map((t) => ({ tenderId: t.tenderId, minor: t.minor, deviceId: t.deviceId }));
      return { provider, day, ...report.value, paidWithoutSale };
    },
  );

  return {
    /**
     * Charges a wallet for one of the agent's own devices (a smart cart's checkout), through the same ledger
     * as the lanes' charges: the tender id is the `out_trade_no`, a second call for it gets the first one's
     * outcome, and it is in the reconciliation like any other. Resolves with the final outcome.
     */
    async charge(
      deviceId: string,
      request: WalletChargeRequest,
    ): Promise<
      | { ok: true; providerTradeNo: string }
      | { ok: false; reason: WalletFailure | 'wallet-not-configured'; detail?: string }
    > {
      if (!wallet) return { ok: false, reason: 'wallet-not-configured' };
      const existing = ledger.tender(request.tenderId);
      if (!existing) {
        ledger.begin(
          {
            tenderId: request.tenderId,
            provider: request.provider,
            source: request.source ?? 'payment-code',
            minor: request.amount.minor,
            currency: request.amount.currency,
            deviceId,
          },
          now(),
        );
        await start(request.tenderId, (onWaiting) => wallet.charge(request, onWaiting)).done;
      } else if (!isFinal(existing)) await (running.get(existing.tenderId) ?? settle(existing)).done;
      const t = ledger.tender(request.tenderId) as WalletTenderRecord;
      if (t.state === 'paid') return { ok: true, providerTradeNo: t.providerTradeNo ?? '' };
      return {
        ok: false,
        reason: t.failure?.reason ?? 'unknown',
        ...(t.failure?.detail ? { detail: t.failure.detail } : {}),
      };
    },
    /** Settles every tender an earlier run of the agent left unanswered (query, then reverse). */
    settleUnfinished(): Promise<void> {
      if (!wallet) return Promise.resolve();
      return Promise.all(ledger.unsettled().map((t) => settle(t).done)).then(() => undefined);
    },
    /** Waits for every charge under way (the agent's close). */
    async drain(): Promise<void> {
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}

/** The store's wallet movements of one provider's statement day, from the agent's ledger. */
export function storeMovements(
  ledger: WalletLedger,
  provider: WalletProvider,
  day: string,
): StoreWalletMovement[] {
  const { from, to } = beijingDay(day);
  return [
    ...ledger.paidBetween(provider, from, to).map((t) => ({
      provider,
      kind: 'payment' as const,
      tenderId: t.tenderId,
      minor: t.minor,
    })),
    ...ledger.refundsBetween(provider, from, to).map((r) => ({
      provider,
      kind: 'refund' as const,
      tenderId: r.tenderId,
      refundId: r.refundId,
      minor: r.minor,
    })),
  ];
}

function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

const dayShift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The tender ids among `tenderIds` that a completed sale of the store carries, read from the store replica.
 * Sales of the business day before and after are read too: a business day and a Beijing calendar day differ
 * by the store's cut-over hour.
 */
export function replicaSalesCarrying(replica: StoreReplica) {
  return async (storeId: string, day: string, tenderIds: readonly string[]): Promise<ReadonlySet<string>> => {
    const wanted = new Set(tenderIds);
    const found = new Set<string>();
    if (wanted.size === 0) return found;
    const sales = await replica.sales
      .find({ selector: { storeId, businessDay: { $in: [dayShift(day, -1), day, dayShift(day, 1)] } } })
      .exec();
    for (const sale of sales) {
      const doc = sale.toJSON() as { status?: string; tenders?: { id: string; kind: string }[] };
      if (doc.status !== 'completed') continue;
      for (const tender of doc.tenders ?? [])
        if (tender.kind === 'wallet' && wanted.has(tender.id)) found.add(tender.id);
    }
    return found;
  };
}

export interface StartWalletOptions {
  readonly db: AgentDatabase;
  /** The store replica, when open: reconciliations then list charges no completed sale carries. */
  readonly replica?: StoreReplica | undefined;
  readonly registry: LaneRegistry;
  /** The agent's store once enrolled. */
  readonly storeId: () => string | undefined;
  readonly config: WalletConfig | undefined;
}

/**
 * The edge agent's wallet wiring (one line in start-edge-agent): the ledger in agent.sqlite, the provider
 * clients from the config, lane authentication as for replication, and the routes.
 */
export function startWalletRoutes(app: FastifyInstance, o: StartWalletOptions) {
  const ledger = new WalletLedger(o.db);
  const routes = registerWalletRoutes(app, {
    wallet: o.config ? walletServiceFrom(o.config) : undefined,
    ledger,
    ...(o.replica ? { salesCarrying: replicaSalesCarrying(o.replica) } : {}),
    authenticate: (request) => {
      const token = bearerToken(request);
      if (!token) return { ok: false, code: 'unauthorized' };
      const storeId = o.storeId();
      if (!storeId) return { ok: false, code: 'not-enrolled' };
      const auth = o.registry.authenticate(token);
      if (!auth.ok) return { ok: false, code: auth.reason };
      if (auth.lane.storeId !== storeId)
        return {
          ok: false,
          code: 'store-forbidden',
          detail: `the lane belongs to store ${auth.lane.storeId}`,
        };
      return { ok: true, lane: { deviceId: auth.lane.deviceId, storeId: auth.lane.storeId } };
    },
  });
  void routes.settleUnfinished().catch((error: unknown) => {
    app.log.error({ err: error }, 'settling unfinished wallet tenders failed');
  });
  return routes;
}
