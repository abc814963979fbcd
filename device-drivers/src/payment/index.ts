export type { EcrFrameErrorReason, EcrLinkEvent } from './ecr-frame.js';
export { ACK, EcrFrameDecoder, ETX, encodeEcrFrame, lrc, MAX_PAYLOAD, NAK, STX } from './ecr-frame.js';
export type {
  EcrAmount,
  EcrMessage,
  EcrMessageError,
  EcrOutcome,
  EcrRequest,
  EcrResult,
  TenderMethod,
} from './ecr-message.js';
export {
  decodeEcrMessage,
  ECR_OUTCOMES,
  ECR_VERSION,
  encodeEcrMessage,
  TENDER_METHODS,
} from './ecr-message.js';
export type {
  PaymentApproved,
  PaymentEvent,
  PaymentFailure,
  PaymentRequest,
  PaymentTerminalOptions,
  RefundRequest,
} from './payment-terminal.js';
export { PaymentTerminal } from './payment-terminal.js';
