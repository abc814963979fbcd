import { randomBytes } from 'node:crypto';
import {
  type AuditEntryDoc,
  type CouponRedeemedDoc,
  createIdGenerator,
  err,
  ok,
  parseBarcode,
  type Result,
  type SaleDoc,
} from '@storefloor/core';
import type { CartEvent, CartLinkEvent, EdgeCommand } from '@storefloor/device-drivers';
import type Database from 'better-sqlite3';
import type { CardFailure, CartCardPayment } from './cart-card-terminals.js';
import type { CartCatalog, CartCoupon } from './cart-catalog.js';
import {
  type CartAlert,
  type CartResolution,
  type CartSessionState,
  checkoutBlocker,
  DEFAULT_WEIGHT_POLICY,
  newCartSession,
  openAlerts,
  removed,
  resolved,
  scanned,
  type WeightPolicy,
  weighed,
} from './cart-session.js';
import { CartStore } from './cart-store.js';
import { completeCartSale, priceCartSale } from './price-cart-sale.js';

/** The cart link as the service uses it: device-drivers' CartLinkServer is one. */
export interface CartLink {
  on(event: 'data', listener: (event: CartLinkEvent) => void): () => void;
  send(cartId: string, command: EdgeCommand): Result<void, 'unknown-cart'>;
}

/**
 * Takes the cart's payment: `charge` with the payment code the shopper scanned on the cart (a wallet), or
 * `card` at the nexo terminal that serves the cart, when there is one.
 */
export interface CartPayment {
  charge(
    request: CartChargeRequest,
  ): Promise<Result<{ readonly kind: 'card' | 'wallet'; readonly reference: string }, string>>;
  readonly card?: CartCardPayment;
}

export interface CartChargeRequest {
  readonly cartId: string;
  readonly sessionId: string;
  readonly saleId: string;
  /** The sale's tender id: 32 letters and digits, usable as a wallet's `out_trade_no`. */
  readonly tenderId: string;
  readonly amount: number;
  readonly currency: string;
  /** A WeChat Pay / Alipay payment code the shopper scanned with the cart's scanner, if any. */
  readonly paymentCode?: { readonly provider: 'wechat-pay' | 'alipay'; readonly code: string };
}

/** Records a completed sale like a lane's push (the hub writes it to its replica, relayed to HQ). */
export type CartSaleRecorder = (
  sale: SaleDoc,
  redemptions: readonly CouponRedeemedDoc[],
) => Promise<void> | void;

export interface CartServiceOptions {
  readonly db: Database.Database;
  readonly link: CartLink;
  readonly catalog: CartCatalog;
  readonly payment: CartPayment;
  readonly recordSale: CartSaleRecorder;
  /** Audit entries for the replicated audit trail (alerts raised and resolved, checkouts, exits). */
  readonly audit?: (entry: AuditEntryDoc) => void;
  /** Told of every alert raised, for the staff screens. */
  readonly onAlert?: (alert: CartAlert, session: CartSessionState) => void;
  /**
   * Told when a checkout waits for staff for a reason other than a weight alert (the sale could not be
   * completed as it stands, e.g. `age-verification-required`); nothing was charged.
   */
  readonly onCheckoutHeld?: (session: CartSessionState, reason: string) => void;
  /** Told of a bug while applying a cart message (the message is then taken as applied; nothing retries it). */
  readonly onError?: (error: unknown, cartId: string, type: CartEvent['type']) => void;
  /** Told of a message for a session the cart is not in (forged or stale), for the staff screens. */
  readonly onForgedSession?: (
    cartId: string,
    sessionId: string,
    currentSessionId: string | undefined,
  ) => void;
  /** The self-service shift a cart's sales belong to. */
  readonly shiftOf: (cartId: string) => string;
  /**
   * The device the sales and audit entries are recorded under (default: the cart's id). The edge agent
   * records them as itself: carts are not enrolled at HQ, and HQ takes a store hub's writes only for
   * devices enrolled in its store. The cart's id is then in the shift id and in every audit entry's facts.
   */
  readonly deviceId?: string;
  readonly policy?: WeightPolicy;
  readonly now?: () => number;
  /** How long an exit code stays valid (default 15 min). */
  readonly exitCodeTtlMs?: number;
}

export type ExitRefusal = 'unknown-code' | 'already-used' | 'expired' | 'weight-changed';

/**
 * Cart sessions on the edge: follows each cart's scans and load-cell changes from the cart link, raises
 * alerts for staff when the weight does not match (checkout waits until staff resolve them), prices and
 * records the sale with core at checkout, and issues an exit code the gate accepts once. Sessions, the last
 * applied sequence per cart and exit codes live in the agent's SQLite, so a restart loses nothing and a
 * replayed or forged message changes nothing.
 */
export class CartService {
  readonly store: CartStore;
  readonly #o: CartServiceOptions;
  readonly #now: () => number;
  readonly #ids: () => string;
  readonly #policy: WeightPolicy;
  /** Payment codes scanned on the cart, by session: in memory only, they are single-use and short-lived. */
  readonly #paymentCodes = new Map<string, NonNullable<CartChargeRequest['paymentCode']>>();
  readonly #paying = new Set<string>();
  /** One queue per cart: a cart paying at a terminal (minutes, perhaps) holds up no other cart. */
  readonly #queues = new Map<string, Promise<void>>();
  #off: (() => void) | undefined;

  constructor(options: CartServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#ids = createIdGenerator({ now: this.#now });
    this.#policy = options.policy ?? DEFAULT_WEIGHT_POLICY;
    if (!(this.#policy.tolerancePercent > 0))
      throw new RangeError('cart option "policy.tolerancePercent" must be positive');
    this.store = new CartStore(options.db);
  }

  start(): void {
    // No checkout is under way at start: a claim left by a crash stands for nothing the ledger lacks.
    this.store.releaseAllCoupons();
    this.#off = this.#o.link.on('data', (e) => {
      if (e.kind === 'cart-connected') {
        // The link starts this cart over (it lost its link state): its sequences count from there again.
        this.#enqueue(e.cartId, () => this.store.restartSequence(e.cartId, e.resumedFrom));
        return;
      }
      if (e.kind !== 'cart-event') return;
      // One message of a cart at a time, in arrival order: checkout awaits the payment.
      this.#enqueue(e.cartId, () => this.#apply(e.cartId, e.seq, e.event), e.event.type);
    });
  }

  stop(): void {
    this.#off?.();
  }

  #enqueue(cartId: string, task: () => Promise<void> | void, type?: CartEvent['type']): void {
    const next = (this.#queues.get(cartId) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      if (type) this.#o.onError?.(error, cartId, type);
      else throw error;
    });
    this.#queues.set(cartId, next);
  }

  /** Resolves when every message received so far, of every cart, has been applied. */
  async settled(): Promise<void> {
    let pending: Promise<void>[];
    do {
      pending = [...this.#queues.values()];
      await Promise.all(pending);
    } while ([...this.#queues.values()].some((q, i) => q !== pending[i]));
  }

  session(cartId: string): CartSessionState | undefined {
    return this.store.current(cartId)?.session;
  }

  /** A coupon the shopper presented (scanned on the cart's app); priced at checkout. */
  addCoupon(sessionId: string, coupon: CartCoupon): CartSessionState | undefined {
    const session = this.store.session(sessionId);
    // Only on the session its cart is in now, while shopping (saving an old one would make it current).
    if (session?.status !== 'shopping' || this.store.current(session.cartId)?.session.sessionId !== sessionId)
      return undefined;
    if ((session.coupons ?? []).some((c) => c.code === coupon.code)) return session;
    const next: CartSessionState = { ...session, coupons: [...(session.coupons ?? []), coupon] };
    this.store.save(next, undefined, this.#now());
    return next;
  }

  /** Staff resolve an alert at the cart; `rescan` takes the code they scanned. */
  resolveAlert(
    cartId: string,
    alertId: string,
    action: CartResolution,
    employeeId: string,
    rescanCode?: string,
  ): Result<CartSessionState, 'no-session' | 'unknown-alert' | 'unknown-item' | 'missing-code'> {
    const current = this.store.current(cartId);
    if (!current) return err('no-session', cartId);
    const at = this.#now();
    let next = resolved(current.session, alertId, action, employeeId, at, this.#policy);
    if (!next) return err('unknown-alert', alertId);
    if (action === 'rescan') {
      if (!rescanCode) return err('missing-code', 'rescan needs the code staff scanned');
      const item = this.#o.catalog.lookup(rescanCode, at);
      if (!item) return err('unknown-item', rescanCode);
      next = scanned(next, rescanCode, item, 1, this.#policy, employeeId);
    }
    this.store.save(next, undefined, at);
    this.#audit(
      'cart.alert-resolved',
      cartId,
      next.sessionId,
      employeeId,
      { alertId, resolution: action, code: rescanCode ?? '' },
      employeeId,
    );
    this.#showTotal(next);
    return ok(next);
  }

  /** Staff checked the shopper's age: the session's sale carries them as `ageVerifiedBy` (core's `verifyAge`). */
  verifyAge(cartId: string, employeeId: string): Result<CartSessionState, 'no-session'> {
    const session = this.store.current(cartId)?.session;
    if (session?.status !== 'shopping') return err('no-session', cartId);
    const next: CartSessionState = { ...session, ageVerifiedBy: employeeId };
    this.store.save(next, undefined, this.#now());
    this.#audit('cart.age-verified', cartId, next.sessionId, employeeId, {}, employeeId);
    return ok(next);
  }

  /** The exit gate: a code lets its cart out once, unexpired, if nothing was added after payment. */
  verifyExit(code: string): Result<{ cartId: string; saleId: string }, ExitRefusal> {
    const at = this.#now();
    const record = this.store.exitCode(code);
    const refuse = (reason: ExitRefusal, cartId = '') => {
      this.#audit('cart.exit-refused', cartId, record?.sessionId ?? '', '', { reason });
      return err(reason, code);
    };
    if (!record) return refuse('unknown-code');
    if (record.usedAt !== undefined) return refuse('already-used', record.cartId);
    if (at >= record.expiresAt) return refuse('expired', record.cartId);
    const session = this.store.session(record.sessionId);
    if (!session || Math.abs(session.grams - record.gramsAtPayment) > this.#policy.noiseGrams)
      return refuse('weight-changed', record.cartId);
    if (!this.store.useExitCode(code, at)) return refuse('already-used', record.cartId);
    this.#audit('cart.exit-verified', record.cartId, record.sessionId, '', { saleId: record.saleId });
    return ok({ cartId: record.cartId, saleId: record.saleId });
  }

  async #apply(cartId: string, seq: number, event: CartEvent): Promise<void> {
    if (seq <= this.store.lastSeq(cartId)) return; // replayed after a restart: already applied
    const at = this.#now();
    const current = this.store.current(cartId)?.session;
    if (event.type === 'session-start') {
      if (current && current.status === 'shopping' && current.lines.length > 0)
        this.#audit('cart.session-abandoned', cartId, current.sessionId, '', { lines: current.lines.length });
      const started = newCartSession(cartId, event.sessionId, event.memberId, at);
      this.store.save(started, seq, at);
      this.#showTotal(started);
      return;
    }
    if (!current || current.sessionId !== event.sessionId) {
      // A message for a session this cart is not in: forged or stale. Staff are told; nothing changes.
      this.store.applied(cartId, seq);
      this.#audit('cart.forged-session', cartId, event.sessionId, '', {
        type: event.type,
        currentSession: current?.sessionId ?? '',
      });
      this.#o.onForgedSession?.(cartId, event.sessionId, current?.sessionId);
      return;
    }
    switch (event.type) {
      case 'item-scanned': {
        const item = this.#o.catalog.lookup(event.code, at);
        if (!item || current.status !== 'shopping') {
          // The shopper's wallet payment code, read by the cart's scanner: a tender, held for the checkout.
          const parsed = item ? undefined : parseBarcode(event.code);
          if (parsed?.ok && parsed.kind === 'payment-code' && current.status === 'shopping')
            this.#paymentCodes.set(current.sessionId, { provider: parsed.provider, code: parsed.authCode });
          // A coupon, checked against the loyalty ledger as a lane checks it, prices the basket from now on.
          if (
            parsed?.ok &&
            parsed.kind === 'internal' &&
            parsed.type === 'coupon' &&
            current.status === 'shopping'
          ) {
            const claimant = this.store.couponClaimant(event.code);
            // Held by another cart's checkout under way: as good as spent (a lane's `heldElsewhere`).
            const coupon =
              claimant === undefined || claimant === current.sessionId
                ? await this.#o.catalog.coupon?.(event.code, at)
                : undefined;
            if (coupon) {
              const next = this.addCoupon(current.sessionId, coupon);
              if (next) this.#showTotal(next);
            } else this.#audit('cart.coupon-refused', cartId, current.sessionId, '', { code: event.code });
          }
          this.store.applied(cartId, seq);
          return;
        }
        const next = scanned(current, event.code, item, event.quantity, this.#policy);
        this.store.save(next, seq, at);
        this.#showTotal(next);
        return;
      }
      case 'item-removed': {
        const next =
          current.status === 'shopping'
            ? removed(current, event.code, this.#o.catalog.lookup(event.code, at), this.#policy)
            : undefined;
        if (next) {
          this.store.save(next, seq, at);
          this.#showTotal(next);
        } else this.store.applied(cartId, seq);
        return;
      }
      case 'weight-changed': {
        if (!event.stable) {
          this.store.applied(cartId, seq);
          return;
        }
        if (current.status === 'paid') {
          // After payment the weight is only kept: the exit gate compares it with the weight paid for.
          this.store.save({ ...current, grams: event.grams }, seq, at);
          return;
        }
        const { state, alert } = weighed(current, event.grams, this.#policy, this.#ids(), at);
        this.store.save(state, seq, at);
        if (alert) {
          this.#audit('cart.alert-raised', cartId, state.sessionId, '', {
            alertId: alert.id,
            kind: alert.kind,
            deltaGrams: alert.deltaGrams,
            expectedGrams: alert.expectedGrams ?? 0,
          });
          this.#o.onAlert?.(alert, state);
        }
        return;
      }
      case 'checkout-requested':
        this.store.applied(cartId, seq);
        await this.#checkout(current);
        return;
    }
  }

  async #checkout(session: CartSessionState): Promise<void> {
    const { cartId, sessionId } = session;
    const reply = (command: Omit<Extract<EdgeCommand, { type: 'checkout-result' }>, 'type' | 'sessionId'>) =>
      this.#o.link.send(cartId, { type: 'checkout-result', sessionId, ...command });
    const blocker = checkoutBlocker(session);
    if (blocker === 'paid') {
      // Asked again after paying (a replay): the same result and code, never a second charge.
      const exit = this.store.exitCodeOf(sessionId);
      if (exit)
        this.#o.link.send(cartId, {
          type: 'exit-code',
          sessionId,
          code: exit.code,
          expiresAt: new Date(exit.expiresAt).toISOString(),
        });
      return;
    }
    if (blocker) {
      reply({ outcome: 'needs-attendant', reason: blocker });
      return;
    }
    if (this.#paying.has(sessionId)) return;
    this.#paying.add(sessionId);
    try {
      // The coupons are claimed (atomically, in the agent's SQLite) and checked against the loyalty
      // ledger before anything is charged: of two checkouts with one coupon, one spends it.
      const refused = await this.#claimCoupons(session);
      if (refused.length > 0) {
        this.#refuseCoupons(session, refused);
        return;
      }
      const at = this.#now();
      const coupons = session.coupons ?? [];
      const paymentCode = this.#paymentCodes.get(sessionId);
      const terminalId = this.#o.payment.card?.terminalOf(cartId);
      // A card tender of this session whose outcome is not known is settled first: never a second charge.
      const earlierCard = this.store.openCardTender(sessionId);
      let resumeCard = false;
      if (earlierCard) {
        const settled = await this.#settleCardTender(sessionId, earlierCard, paymentCode !== undefined);
        if (settled !== 'retry-card' && settled !== 'free') {
          const priced = this.#price(session, at);
          reply({
            outcome: 'declined',
            reason: settled,
            ...(priced.ok
              ? { totalMinor: priced.value.sale.totals.total, currency: priced.value.sale.currency }
              : {}),
          });
          return;
        }
        resumeCard = settled === 'retry-card';
      }
      // A payment code scanned chooses the wallet; otherwise the cart's terminal, when it has one.
      const byCard = resumeCard || (terminalId !== undefined && paymentCode === undefined);
      const cardTender =
        byCard && (terminalId !== undefined || earlierCard)
          ? this.store.cardTender(sessionId, () => ({
              tenderId: this.#ids().replaceAll('-', ''),
              saleId: this.#ids(),
              terminalId: terminalId as string,
            }))
          : undefined;
      const priced = this.#price(session, at, cardTender?.saleId);
      if (!priced.ok) {
        reply({ outcome: 'needs-attendant', reason: priced.reason });
        return;
      }
      const { sale } = priced.value;
      let tender = {
        id: cardTender?.tenderId ?? this.#ids().replaceAll('-', ''),
        kind: (cardTender ? 'card' : 'wallet') as 'card' | 'wallet',
        reference: '',
      };
      // Whatever would stop the sale completing once paid (an age check not done) stops it before the
      // charge: money is never taken for a sale that is not recorded.
      const dryRun = completeCartSale(sale, tender, coupons, this.#ids, at);
      if (!dryRun.ok) {
        reply({
          outcome: 'needs-attendant',
          reason: dryRun.reason,
          totalMinor: sale.totals.total,
          currency: sale.currency,
        });
        this.#o.onCheckoutHeld?.(session, dryRun.reason);
        return;
      }
      if (sale.totals.total > 0) {
        const charged = cardTender
          ? await this.#chargeCard(sessionId, cardTender, sale.totals.total, sale.currency)
          : await this.#chargeWallet(session, sale, tender.id);
        if (!charged.ok) {
          reply({
            outcome: 'declined',
            totalMinor: sale.totals.total,
            currency: sale.currency,
            reason: charged.reason,
          });
          return;
        }
        tender = { ...tender, ...charged.value };
      }
      const done = completeCartSale(sale, tender, coupons, this.#ids, this.#now());
      if (!done.ok) throw new Error(`a paid cart sale did not complete: ${done.reason} ${done.detail ?? ''}`);
      await this.#o.recordSale(done.value.sale, done.value.redemptions);
      if (cardTender) this.store.cardTenderSettled(sessionId, 'paid');
      const latest = this.store.session(sessionId) ?? session;
      const paid: CartSessionState = { ...latest, status: 'paid' };
      const code = randomBytes(16).toString('base64url');
      const expiresAt = this.#now() + (this.#o.exitCodeTtlMs ?? 15 * 60_000);
      this.store.addExitCode({
        code,
        sessionId,
        cartId,
        saleId: sale.id,
        gramsAtPayment: paid.grams,
        expiresAt,
      });
      this.store.save(paid, undefined, this.#now());
      this.#audit('cart.checkout', cartId, sessionId, '', {
        saleId: sale.id,
        total: done.value.sale.totals.total,
        lines: sale.lines.length,
        tender: tender.kind,
      });
      reply({ outcome: 'approved', totalMinor: done.value.sale.totals.total, currency: sale.currency });
      this.#o.link.send(cartId, {
        type: 'exit-code',
        sessionId,
        code,
        expiresAt: new Date(expiresAt).toISOString(),
      });
    } finally {
      // Paid and recorded (the redemption is in the replica's ledger now), declined or held: let go.
      this.store.releaseCoupons(sessionId);
      this.#paying.delete(sessionId);
    }
  }

  #price(session: CartSessionState, at: number, saleId?: string) {
    return priceCartSale({
      session,
      catalog: this.#o.catalog,
      coupons: session.coupons ?? [],
      saleId: saleId ?? this.#ids(),
      shiftId: this.#o.shiftOf(session.cartId),
      instant: at,
      ...(this.#o.deviceId ? { deviceId: this.#o.deviceId } : {}),
    });
  }

  /**
   * Claims every coupon of the session for its checkout, then checks each against the loyalty ledger
   * (a lane's or another cart's redemption that reached the replica since it was scanned). Returns the
   * codes refused, each with why; the claims of the others are held until the checkout ends.
   */
  async #claimCoupons(
    session: CartSessionState,
  ): Promise<{ code: string; why: 'held-by-another-checkout' | 'redeemed' }[]> {
    const refused: { code: string; why: 'held-by-another-checkout' | 'redeemed' }[] = [];
    const at = this.#now();
    for (const coupon of session.coupons ?? []) {
      if (!this.store.claimCoupon(coupon.code, session.sessionId, session.cartId, at))
        refused.push({ code: coupon.code, why: 'held-by-another-checkout' });
    }
    if (this.#o.catalog.coupon) {
      for (const coupon of session.coupons ?? []) {
        if (refused.some((r) => r.code === coupon.code)) continue;
        if (!(await this.#o.catalog.coupon(coupon.code, at)))
          refused.push({ code: coupon.code, why: 'redeemed' });
      }
    }
    return refused;
  }

  /**
   * The coupons another checkout spent come off the basket: the cart is told `declined` / `coupon-used`
   * with the total without them (and a `basket-updated`), and the shopper checks out again at that total.
   */
  #refuseCoupons(
    session: CartSessionState,
    refused: readonly { code: string; why: 'held-by-another-checkout' | 'redeemed' }[],
  ): void {
    const codes = new Set(refused.map((r) => r.code));
    const next: CartSessionState = {
      ...session,
      coupons: (session.coupons ?? []).filter((c) => !codes.has(c.code)),
    };
    this.store.save(next, undefined, this.#now());
    for (const r of refused)
      this.#audit('cart.coupon-refused', session.cartId, session.sessionId, '', {
        code: r.code,
        reason: 'coupon-used',
        why: r.why,
        atCheckout: true,
      });
    const priced = this.#price(next, this.#now());
    this.#o.link.send(session.cartId, {
      type: 'checkout-result',
      sessionId: session.sessionId,
      outcome: 'declined',
      reason: 'coupon-used',
      ...(priced.ok
        ? { totalMinor: priced.value.sale.totals.total, currency: priced.value.sale.currency }
        : {}),
    });
    this.#showTotal(next);
  }

  async #chargeWallet(
    session: CartSessionState,
    sale: SaleDoc,
    tenderId: string,
  ): Promise<Result<{ readonly kind: 'card' | 'wallet'; readonly reference: string }, string>> {
    const paymentCode = this.#paymentCodes.get(session.sessionId);
    // A payment code pays once: after a decline the shopper shows a fresh one.
    this.#paymentCodes.delete(session.sessionId);
    return this.#o.payment.charge({
      cartId: session.cartId,
      sessionId: session.sessionId,
      saleId: sale.id,
      tenderId,
      amount: sale.totals.total,
      currency: sale.currency,
      ...(paymentCode ? { paymentCode } : {}),
    });
  }

  /**
   * Pays at the cart's terminal under the session's one card tender. The tender is marked open before the
   * terminal is asked, so a crash or a lost answer leaves it to be settled (never charged anew); a decline
   * or cancel settles it unpaid, and the shopper may retry (a new attempt of the same tender) or pay by
   * wallet.
   */
  async #chargeCard(
    sessionId: string,
    tender: { tenderId: string; terminalId: string },
    amount: number,
    currency: string,
  ): Promise<Result<{ readonly kind: 'card'; readonly reference: string }, CardFailure>> {
    const card = this.#o.payment.card as CartCardPayment;
    this.store.cardTenderSettled(sessionId, 'open');
    const paid = await card.purchase({ ...tender, amount, currency });
    if (paid.ok) return ok({ kind: 'card' as const, reference: paid.value.reference });
    if (paid.reason !== 'card-unknown') this.store.cardTenderSettled(sessionId, 'unpaid');
    return paid;
  }

  /**
   * A card tender left open (its answer lost, the agent restarted): what the terminal says decides. An
   * approval is taken (`retry-card`: the same tender, which the terminal answers with that approval); a
   * tender the terminal never ran or did not charge is settled unpaid (`free`: pay as the shopper
   * chooses); otherwise nothing else may be charged yet (`card-in-progress`, `card-unknown`).
   */
  async #settleCardTender(
    sessionId: string,
    tender: { tenderId: string; terminalId: string },
    walletOffered: boolean,
  ): Promise<'retry-card' | 'free' | 'card-in-progress' | CardFailure> {
    const card = this.#o.payment.card;
    if (!card) return 'terminal-not-ready';
    // Without another way to pay, asking the terminal again for the same tender settles it either way.
    if (!walletOffered) return 'retry-card';
    const status = await card.status(tender.terminalId, tender.tenderId);
    if (!status.ok) return status.reason;
    switch (status.value) {
      case 'approved':
        return 'retry-card';
      case 'in-progress':
        return 'card-in-progress';
      default:
        this.store.cardTenderSettled(sessionId, 'unpaid');
        return 'free';
    }
  }

  /**
   * Tells the cart the basket's total as the register would charge it now (core's engine, promotions in
   * force and the coupons presented), for its screen. A basket that cannot be priced shows nothing new.
   */
  #showTotal(session: CartSessionState): void {
    if (session.status !== 'shopping') return;
    const at = this.#now();
    const priced = priceCartSale({
      session,
      catalog: this.#o.catalog,
      coupons: session.coupons ?? [],
      saleId: this.#ids(),
      shiftId: this.#o.shiftOf(session.cartId),
      instant: at,
    });
    if (!priced.ok) return;
    this.#o.link.send(session.cartId, {
      type: 'basket-updated',
      sessionId: session.sessionId,
      totalMinor: priced.value.sale.totals.total,
      currency: priced.value.sale.currency,
      lines: priced.value.sale.lines.length,
    });
  }

  /** Open alerts of every cart in session, for the staff screen. */
  alerts(cartId: string): CartAlert[] {
    const session = this.session(cartId);
    return session ? openAlerts(session) : [];
  }

  #audit(
    action: string,
    cartId: string,
    sessionId: string,
    employeeId: string,
    facts: Record<string, string | number | boolean>,
    approvedBy = '',
  ): void {
    this.#o.audit?.({
      id: this.#ids(),
      storeId: this.#o.catalog.settings(this.#now()).storeId,
      deviceId: this.#o.deviceId ?? cartId,
      employeeId,
      approvedBy,
      action,
      subjectCollection: 'cart-sessions',
      subjectId: sessionId,
      facts: { ...facts, cartId },
      occurredAt: this.#now(),
    });
  }
}
