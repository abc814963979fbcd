import type {
  WalletAmount,
  WalletChargeRequest,
  WalletFailure,
  WalletProvider,
  WalletRefundFailure,
  WalletRefundRequest,
} from './wallet-payment.js';

/** One provider's answer about an order, in the words the charge loop needs. */
export type OrderState =
  | {
      readonly state: 'paid';
      readonly providerTradeNo: string;
      readonly amount: WalletAmount;
      readonly tenderId: string;
    }
  /** The shopper is confirming on the phone (USERPAYING, 10003 / WAIT_BUYER_PAY, NOTPAY while waiting). */
  | { readonly state: 'paying' }
  /** The provider could not say (SYSTEMERROR, BANKERROR, 20000, no answer). */
  | { readonly state: 'unknown'; readonly code: string }
  /** The provider has no such order (ORDERNOTEXIST, ACQ.TRADE_NOT_EXIST). */
  | { readonly state: 'not-found' }
  | {
      readonly state: 'failed';
      readonly reason: WalletFailure;
      readonly code: string;
      readonly detail?: string;
    };

export type CancelState =
  | { readonly state: 'cancelled' }
  | { readonly state: 'retry' }
  | { readonly state: 'failed'; readonly code: string };

export type RefundState =
  | { readonly state: 'refunded' }
  | {
      readonly state: 'failed';
      readonly reason: WalletRefundFailure;
      readonly code: string;
      readonly detail?: string;
    };

/** One wallet provider's merchant API, as the charge loop drives it. */
export interface WalletGateway {
  readonly provider: WalletProvider;
  pay(request: WalletChargeRequest): Promise<OrderState>;
  query(tenderId: string): Promise<OrderState>;
  /** WeChat `reverse`, Alipay `trade.cancel`: undoes the order whether or not it was paid. */
  cancel(tenderId: string): Promise<CancelState>;
  refund(request: WalletRefundRequest): Promise<RefundState>;
}
