import { err, ok, parseBarcode, type Result } from '@storefloor/core';
import { systemClock, type WalletClock } from './wallet-clock.js';
import type { OrderState, WalletGateway } from './wallet-gateway.js';
import type { WalletChargeRequest, WalletFailure, WalletPaid } from './wallet-payment.js';

export interface ChargeWalletOptions {
  readonly clock?: WalletClock;
  /** Pause between order queries while the shopper confirms or the result is unknown (default 5 s). */
  readonly pollIntervalMs?: number;
  /**
   * How long to wait for a final answer before reversing (default 45 s). WeChat's micropay guidance and
   * Alipay's 当面付 guidance both poll the query every few seconds for about 30-45 s, then reverse/cancel.
   */
  readonly limitMs?: number;
  /** Called when the shopper has to confirm on the phone: the lane shows "waiting for the shopper". */
  readonly onWaiting?: () => void;
}

/** Reverse/cancel calls made at the limit before giving up (WeChat `recall=Y`, Alipay `retry_flag=Y`). */
const CANCEL_ATTEMPTS = 5;

/** Face codes are opaque tokens from the face-pay device, not payment-code digits. */
const FACE_CODE = /^[A-Za-z0-9_-]{8,128}$/;

function check(request: WalletChargeRequest): Result<void, WalletFailure> {
  if (typeof request.tenderId !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(request.tenderId))
    return err(
      'invalid-request',
      'tenderId must be 1-32 letters, digits, "_" or "-" (out_trade_no)',
      'tenderId',
    );
  if (!Number.isSafeInteger(request.amount.minor) || request.amount.minor <= 0)
    return err('invalid-request', 'amount.minor must be a positive integer', 'amount.minor');
  if (request.amount.currency !== 'CNY')
    return err('invalid-request', 'wallet payment codes are charged in CNY', 'amount.currency');
  if (request.source === 'face') {
    if (!FACE_CODE.test(request.code)) return err('invalid-code', 'not a face-pay code', 'code');
    return ok(undefined);
  }
  const scanned = parseBarcode(request.code);
  if (!scanned.ok || scanned.kind !== 'payment-code')
    return err('invalid-code', `${JSON.stringify(request.code)} is not a wallet payment code`, 'code');
  if (scanned.provider !== request.provider)
    return err('invalid-code', `a ${scanned.provider} payment code sent to ${request.provider}`, 'code');
  return ok(undefined);
}

/**
 * Charges a wallet payment code or face code to a final outcome: paid, or a typed failure with nothing
 * charged. The tender id is the merchant order number, so every pay, query and cancel names the same
 * order and the provider can never take it twice. "User is paying" and unknown results are polled with the
 * order query up to the limit, then the order is reversed/cancelled; an answer that cannot be trusted (bad
 * signature, another amount) is reversed at once.
 */
export async function chargeWallet(
  gateway: WalletGateway,
  request: WalletChargeRequest,
  options: ChargeWalletOptions = {},
): Promise<Result<WalletPaid, WalletFailure>> {
  const checked = check(request);
  if (!checked.ok) return checked;
  if (gateway.provider !== request.provider)
    return err(
      'invalid-request',
      `${request.provider} tender sent to the ${gateway.provider} gateway`,
      'provider',
    );
  const clock = options.clock ?? systemClock;
  const interval = options.pollIntervalMs ?? 5000;
  const deadline = clock.now() + (options.limitMs ?? 45_000);
  let state: OrderState = await gateway.pay(request);
  let resent = false;
  let waitingShown = false;
  for (;;) {
    switch (state.state) {
      case 'paid':
        if (
          state.amount.minor !== request.amount.minor ||
          state.amount.currency !== request.amount.currency
        ) {
          await cancelOrder(gateway, request.tenderId, clock, interval);
          return err(
            'amount-mismatch',
            `${request.provider} took ${state.amount.minor} ${state.amount.currency}, asked ${request.amount.minor} ${request.amount.currency}; reversed`,
            'amount',
          );
        }
        return ok({
          provider: request.provider,
          tenderId: request.tenderId,
          providerTradeNo: state.providerTradeNo,
          amount: state.amount,
        });
      case 'failed':
        if (state.reason === 'bad-signature' || state.reason === 'amount-mismatch') {
          await cancelOrder(gateway, request.tenderId, clock, interval);
          return err(state.reason, `${state.detail ?? state.code}; the order was reversed`);
        }
        return err(state.reason, state.detail ? `${state.code}: ${state.detail}` : state.code);
      case 'not-found':
        if (!resent) {
          // The provider never got the order: sending it again under the same out_trade_no cannot charge twice.
          resent = true;
          state = await gateway.pay(request);
          continue;
        }
        break;
      case 'paying':
        if (!waitingShown) {
          waitingShown = true;
          options.onWaiting?.();
        }
        break;
      case 'unknown':
        break;
    }
    if (clock.now() >= deadline) {
      const last = state.state === 'unknown' ? state.code : state.state;
      const cancelled = await cancelOrder(gateway, request.tenderId, clock, interval);
      return cancelled
        ? err('timed-out', `no final answer by the limit (${last}); the order was reversed, nothing charged`)
        : err(
            'unknown',
            `no final answer by the limit (${last}) and the reverse failed; query ${request.tenderId} before any new charge`,
          );
    }
    await clock.sleep(interval);
    state = await gateway.query(request.tenderId);
  }
}

async function cancelOrder(
  gateway: WalletGateway,
  tenderId: string,
  clock: WalletClock,
  interval: number,
): Promise<boolean> {
  for (let i = 0; i < CANCEL_ATTEMPTS; i++) {
    const c = await gateway.cancel(tenderId);
    if (c.state === 'cancelled') return true;
    if (c.state === 'failed') return false;
    await clock.sleep(Math.min(interval, 1000));
  }
  return false;
}
