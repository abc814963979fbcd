/**
 * The card terminal's public types, whatever protocol carries them (nexo Sale-to-POI today). The device host
 * and the lane use only these.
 */
export type TenderMethod = 'card' | 'wallet-qr' | 'face-pay';
export const TENDER_METHODS: readonly TenderMethod[] = ['card', 'wallet-qr', 'face-pay'];

/** Integer minor units + ISO 4217 currency. */
export interface PaymentAmount {
  readonly minor: number;
  readonly currency: string;
}

export interface PaymentRequest {
  /** Idempotency key chosen by the lane (the tender's id): the same id is never charged twice. */
  readonly requestId: string;
  readonly amount: PaymentAmount;
  readonly method: TenderMethod;
}

/**
 * The terminal's id of one transaction (nexo POITransactionID: TransactionID and TimeStamp, both as the
 * terminal's response gave them). The acquirer, not the terminal, holds the transaction, so a referenced
 * refund naming it can be made at any terminal of the merchant.
 */
export interface PoiTransaction {
  readonly transactionId: string;
  readonly timeStamp: string;
}

export interface RefundRequest extends PaymentRequest {
  /** The request id (tender id) of the payment refunded. */
  readonly originalRequestId: string;
  /**
   * That payment's POI transaction, as its approval gave it (`PaymentApproved.transactionId` and
   * `timeStamp`). Needed when this terminal did not take the payment (a return at another lane); without
   * it only a payment this terminal approved can be refunded.
   */
  readonly originalTransaction?: PoiTransaction;
}

export interface PaymentApproved {
  readonly requestId: string;
  readonly authCode: string;
  /** POITransactionID.TransactionID: with `timeStamp`, what a referenced refund names. */
  readonly transactionId: string;
  /** POITransactionID.TimeStamp of the same transaction (ISO 8601). */
  readonly timeStamp: string;
  readonly amount: PaymentAmount;
  readonly method: TenderMethod;
}

export type PaymentFailure =
  | 'declined'
  | 'busy'
  | 'cancelled'
  | 'timeout'
  | 'not-enabled'
  | 'invalid-request'
  | 'protocol-error';

/**
 * What a payment terminal says about one request: the same outcome words the lane already branches on, so
 * the nexo driver answers `cancel` and `transactionStatus` in this one shape.
 */
export type TerminalOutcome =
  | 'approved'
  | 'declined'
  | 'busy'
  | 'cancelled'
  | 'in-progress'
  | 'unknown-request';

export interface TerminalResult {
  readonly requestId: string;
  readonly outcome: TerminalOutcome;
  readonly authCode?: string;
  readonly transactionId?: string;
  /** POITransactionID.TimeStamp, beside `transactionId`. */
  readonly timeStamp?: string;
  readonly declineReason?: string;
  readonly amount?: PaymentAmount;
  readonly method?: TenderMethod;
}
