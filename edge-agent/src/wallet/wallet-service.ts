import { err, ok, type Result } from '@storefloor/core';
import { type ChargeWalletOptions, chargeWallet } from './charge-wallet.js';
import {
  type ReconciliationReport,
  reconcileStatement,
  type StoreWalletMovement,
} from './reconcile-statement.js';
import { refundWallet } from './refund-wallet.js';
import type { WalletGateway } from './wallet-gateway.js';
import type {
  WalletChargeRequest,
  WalletFailure,
  WalletPaid,
  WalletProvider,
  WalletRefunded,
  WalletRefundFailure,
  WalletRefundRequest,
} from './wallet-payment.js';
import { readAlipayStatement, readWechatStatement } from './wallet-statement.js';

/** A provider client that can also fetch its daily statement (both of ours can). */
export type StatementGateway = WalletGateway & {
  downloadBill(
    day: string,
  ): Promise<
    { ok: true; text: string } | { ok: false; reason: 'no-bill' | 'rejected' | 'wan-down'; detail: string }
  >;
};

export type ReconcileFailure =
  | 'provider-not-configured'
  | 'no-bill'
  | 'rejected'
  | 'wan-down'
  | 'bad-statement';

/**
 * What the edge agent offers the lanes for wallets: one place holding the credentials (in the clients),
 * charging, refunding and reconciling by provider. Two requests for the same tender at once (a lane that
 * retried while the first was still waiting for the shopper) share one charge rather than racing.
 */
export class WalletService {
  readonly #gateways: ReadonlyMap<WalletProvider, StatementGateway>;
  readonly #options: ChargeWalletOptions;
  readonly #inFlight = new Map<string, Promise<Result<WalletPaid, WalletFailure>>>();

  constructor(gateways: readonly StatementGateway[], options: ChargeWalletOptions = {}) {
    const byProvider = new Map<WalletProvider, StatementGateway>();
    for (const g of gateways) {
      if (byProvider.has(g.provider)) throw new TypeError(`wallet provider "${g.provider}" configured twice`);
      byProvider.set(g.provider, g);
    }
    this.#gateways = byProvider;
    this.#options = options;
  }

  providers(): WalletProvider[] {
    return [...this.#gateways.keys()];
  }

  charge(request: WalletChargeRequest, onWaiting?: () => void): Promise<Result<WalletPaid, WalletFailure>> {
    const gateway = this.#gateways.get(request.provider);
    if (!gateway)
      return Promise.resolve(
        err('invalid-request', `${request.provider} is not configured at this store`, 'provider'),
      );
    const key = `${request.provider}:${request.tenderId}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const charging = chargeWallet(gateway, request, {
      ...this.#options,
      ...(onWaiting ? { onWaiting } : {}),
    }).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, charging);
    return charging;
  }

  /**
   * Settles a tender whose charge was cut short (the agent stopped mid-charge, or the reverse failed at the
   * limit): the order is queried; paid stands (when the amount is the one asked), anything else is
   * reversed/cancelled. Never pays again.
   */
  async resolve(
    provider: WalletProvider,
    tenderId: string,
    amount: { minor: number; currency: string },
  ): Promise<Result<WalletPaid, WalletFailure>> {
    const gateway = this.#gateways.get(provider);
    if (!gateway) return err('invalid-request', `${provider} is not configured at this store`, 'provider');
    const state = await gateway.query(tenderId);
    if (
      state.state === 'paid' &&
      state.amount.minor === amount.minor &&
      state.amount.currency === amount.currency
    )
      return ok({ provider, tenderId, providerTradeNo: state.providerTradeNo, amount: state.amount });
    if (state.state === 'not-found')
      return err('timed-out', 'the provider never got the order: nothing charged');
    if (state.state === 'failed' && state.reason !== 'bad-signature' && state.reason !== 'amount-mismatch')
      return err(state.reason, state.detail ? `${state.code}: ${state.detail}` : state.code);
    const cancelled = await gateway.cancel(tenderId);
    if (cancelled.state === 'cancelled')
      return err(
        state.state === 'paid' ? 'amount-mismatch' : 'timed-out',
        `order ${tenderId} was ${state.state}; reversed, nothing charged`,
      );
    return err('unknown', `order ${tenderId} is ${state.state} and the reverse did not go through`);
  }

  refund(
    provider: WalletProvider,
    request: WalletRefundRequest,
  ): Promise<Result<WalletRefunded, WalletRefundFailure>> {
    const gateway = this.#gateways.get(provider);
    if (!gateway)
      return Promise.resolve(
        err('invalid-request', `${provider} is not configured at this store`, 'provider'),
      );
    return refundWallet(gateway, request, this.#options.clock ? { clock: this.#options.clock } : {});
  }

  /**
   * Downloads the provider's statement of `day` (YYYY-MM-DD) and reconciles it against the store's own
   * wallet movements of that day.
   */
  async reconcile(
    provider: WalletProvider,
    day: string,
    store: readonly StoreWalletMovement[],
  ): Promise<Result<ReconciliationReport, ReconcileFailure>> {
    const gateway = this.#gateways.get(provider);
    if (!gateway) return err('provider-not-configured', provider);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
      throw new TypeError(`day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
    // WeChat's bill_date is YYYYMMDD, Alipay's bill_date YYYY-MM-DD.
    const bill = await gateway.downloadBill(provider === 'wechat-pay' ? day.replaceAll('-', '') : day);
    if (!bill.ok) return err(bill.reason, bill.detail);
    const statement =
      provider === 'wechat-pay' ? readWechatStatement(bill.text) : readAlipayStatement(bill.text);
    if (!statement.ok) return err('bad-statement', statement.detail);
    return {
      ok: true,
      value: reconcileStatement(
        store.filter((m) => m.provider === provider),
        statement.lines,
      ),
    };
  }
}
