import { err, type Result } from '@storefloor/core';

/** What a wallet refund asks of the wallet gateway (the `payments` slice implements it). */
export interface WalletRefundRequest {
  /** The refund's own id (idempotency key). */
  readonly requestId: string;
  /** The wallet tender of the original sale being paid back. */
  readonly originalTenderId: string;
  readonly originalReference?: string;
  readonly minor: number;
  readonly currency: string;
}

export type WalletRefundError = 'wallet-refund-unavailable' | 'declined' | 'timeout';

/**
 * The seam a wallet refund goes through. Until the `payments` slice provides the wallet gateway, every
 * wallet refund is refused with 'wallet-refund-unavailable', before any other part of the refund moves.
 */
export type RefundToWallet = (
  request: WalletRefundRequest,
) => Promise<Result<{ reference: string }, WalletRefundError>>;

export const refundToWallet: RefundToWallet = async (request) =>
  err(
    'wallet-refund-unavailable',
    `wallet refund of ${request.minor} ${request.currency} for tender ${request.originalTenderId}: no wallet gateway at the lane yet`,
  );
