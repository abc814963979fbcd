import { err, ok, type Result } from '@storefloor/core';
import { systemClock, type WalletClock } from './wallet-clock.js';
import type { WalletGateway } from './wallet-gateway.js';
import type { WalletRefunded, WalletRefundFailure, WalletRefundRequest } from './wallet-payment.js';

export interface RefundWalletOptions {
  readonly clock?: WalletClock;
  /** Calls made while the outcome stays unknown (a lost answer, a system error); default 4. */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

/**
 * Refunds part or all of a wallet tender through its provider. A refund larger than what is left of the
 * payment is refused here, before any call. The refund id (`out_refund_no` / `out_request_no`) makes a call
 * sent again the same refund, so an unknown outcome is resolved by sending it again, never by a new id.
 */
export async function refundWallet(
  gateway: WalletGateway,
  request: WalletRefundRequest,
  options: RefundWalletOptions = {},
): Promise<Result<WalletRefunded, WalletRefundFailure>> {
  const { amount, paid } = request;
  const already = request.alreadyRefunded ?? 0;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(request.refundId))
    return err('invalid-request', 'refundId must be 1-64 letters, digits, "_" or "-"', 'refundId');
  if (!Number.isSafeInteger(amount.minor) || amount.minor <= 0)
    return err('invalid-request', 'amount.minor must be a positive integer', 'amount.minor');
  if (amount.currency !== paid.currency)
    return err('invalid-request', 'refund currency differs from the payment', 'amount.currency');
  if (!Number.isSafeInteger(already) || already < 0)
    return err('invalid-request', 'alreadyRefunded must be a non-negative integer');
  if (amount.minor > paid.minor - already)
    return err(
      'refund-exceeds-payment',
      `refund ${amount.minor} is more than the ${paid.minor - already} left of ${request.tenderId}`,
      'amount.minor',
    );
  const clock = options.clock ?? systemClock;
  const attempts = Math.max(1, options.attempts ?? 4);
  for (let i = 1; ; i++) {
    const done = await gateway.refund(request);
    if (done.state === 'refunded')
      return ok({ tenderId: request.tenderId, refundId: request.refundId, amount });
    if (done.reason !== 'unknown' || i >= attempts)
      return err(done.reason, done.detail ? `${done.code}: ${done.detail}` : done.code);
    await clock.sleep(options.retryDelayMs ?? 2000);
  }
}
