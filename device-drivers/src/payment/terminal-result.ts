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

export interface RefundRequest extends PaymentRequest {
  readonly originalRequestId: string;
}

export interface PaymentApproved {
  readonly requestId: string;
  readonly authCode: string;
  readonly transactionId: string;
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
  readonly declineReason?: string;
  readonly amount?: PaymentAmount;
  readonly method?: TenderMethod;
}
