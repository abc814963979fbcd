import { err, ok, type Result } from '@storefloor/core';
import { laneAgentUrl } from '../payments/lane-agent-url.js';
import { refundToWallet as refundThroughAgent, walletTenderId } from '../payments/wallet-client.js';

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

/** The seam a wallet refund goes through (a test or a lane without an agent hands in another). */
export type RefundToWallet = (
  request: WalletRefundRequest,
) => Promise<Result<{ reference: string }, WalletRefundError>>;

/** For a lane that has no wallet gateway: every wallet refund is refused before any other part moves. */
export const refundToWallet: RefundToWallet = async (request) =>
  err(
    'wallet-refund-unavailable',
    `wallet refund of ${request.minor} ${request.currency} for tender ${request.originalTenderId}: no wallet gateway at this lane`,
  );

/**
 * The lane's wallet refunds, through the edge agent's wallet routes (`refundToWallet` of payments/): the original
 * tender id is already the provider's order number; the refund's own id, without dashes, is the provider's
 * refund number, so a retried refund is the same refund. Failures keep the provider's reason in the detail.
 */
export function walletRefundAtAgent(token: string): RefundToWallet {
  return async (request) => {
    const refunded = await refundThroughAgent(
      { baseUrl: await laneAgentUrl(), token },
      {
        tenderId: request.originalTenderId,
        refundId: walletTenderId(request.requestId),
        amount: { minor: request.minor, currency: request.currency },
      },
    );
    if (refunded.ok) return ok({ reference: `${refunded.value.provider}:${refunded.value.refundId}` });
    const unavailable = ['agent-unreachable', 'wan-down', 'wallet-not-configured'].includes(refunded.reason);
    return err(
      unavailable ? 'wallet-refund-unavailable' : refunded.reason === 'unknown' ? 'timeout' : 'declined',
      `${refunded.reason}${refunded.detail ? `: ${refunded.detail}` : ''}`,
    );
  };
}
