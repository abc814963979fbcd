import type { EcrAmount, TenderMethod } from './ecr-message.js';

/**
 * What a payment terminal says about one request, whatever protocol carried it: the same outcome words the
 * lane already branches on, so the nexo driver answers `cancel` and `transactionStatus` in the shape the
 * ECR driver did (minus the ECR's own `v`/`type` framing fields).
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
  readonly amount?: EcrAmount;
  readonly method?: TenderMethod;
}
