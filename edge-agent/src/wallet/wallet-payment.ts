/** The wallets a store takes, named as core's `parseBarcode` names their payment codes. */
export type WalletProvider = 'wechat-pay' | 'alipay';

/** How the shopper presented the wallet: a payment code scanned at the lane, or a face-pay device's code. */
export type WalletCodeSource = 'payment-code' | 'face';

export interface WalletAmount {
  readonly minor: number;
  readonly currency: string;
}

export interface WalletChargeRequest {
  /** The sale's tender id, sent as the merchant order number (`out_trade_no`): a retry can never charge twice. */
  readonly tenderId: string;
  readonly provider: WalletProvider;
  /** The scanned payment code (`auth_code`) or the face-pay device's code. */
  readonly code: string;
  readonly source?: WalletCodeSource;
  readonly amount: WalletAmount;
  /** What the shopper's wallet shows (`body` / `subject`), e.g. "Storefloor 12 · sale 4711". */
  readonly subject: string;
}

export interface WalletPaid {
  readonly provider: WalletProvider;
  readonly tenderId: string;
  /** The provider's own order id (`transaction_id` / `trade_no`). */
  readonly providerTradeNo: string;
  readonly amount: WalletAmount;
}

/**
 * Why a wallet charge did not stand. `providerCode` on the failure's detail is the provider's own code
 * (`NOTENOUGH`, `ACQ.BUYER_BALANCE_NOT_ENOUGH`…).
 */
export type WalletFailure =
  | 'invalid-request'
  | 'invalid-code'
  | 'code-expired'
  | 'insufficient-balance'
  | 'declined'
  | 'duplicate-tender'
  | 'rejected'
  | 'bad-signature'
  | 'amount-mismatch'
  /** Still unpaid (or unknown) at the limit; the order was reversed/cancelled: nothing was charged. */
  | 'timed-out'
  /** Still unknown at the limit and the cancel did not go through: ask again before any new charge. */
  | 'unknown'
  | 'wan-down';

export interface WalletRefundRequest {
  readonly tenderId: string;
  /** The refund's own id (`out_refund_no` / `out_request_no`): the same id is never refunded twice. */
  readonly refundId: string;
  readonly amount: WalletAmount;
  /** What the shopper paid with this tender, and what was refunded of it already. */
  readonly paid: WalletAmount;
  readonly alreadyRefunded?: number;
}

export type WalletRefundFailure =
  | 'invalid-request'
  | 'refund-exceeds-payment'
  | 'rejected'
  | 'bad-signature'
  | 'unknown'
  | 'wan-down';

export interface WalletRefunded {
  readonly tenderId: string;
  readonly refundId: string;
  readonly amount: WalletAmount;
}
