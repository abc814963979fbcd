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
export type { FaceCode, FaceCodeFailure } from './face-pay-client.js';
export { requestFaceCode } from './face-pay-client.js';
export type { NexoPostFailure, NexoPostOptions, NexoPostResult } from './nexo-http.js';
export { postNexo } from './nexo-http.js';
export type {
  NexoAddress,
  NexoAnswer,
  NexoCategory,
  NexoReadError,
  NexoResult,
  NexoServiceOutcome,
  NexoTransactionId,
} from './nexo-message.js';
export {
  abortRequest,
  NEXO_PROTOCOL_VERSION,
  paymentRequest as nexoPaymentRequest,
  readNexoAnswer,
  reversalRequest,
  transactionStatusRequest,
} from './nexo-message.js';
export type { NexoPaymentEvent, NexoPaymentTerminalOptions } from './nexo-payment-terminal.js';
export { NexoPaymentTerminal } from './nexo-payment-terminal.js';
export { freshServiceId, SERVICE_ID_LENGTH, serviceIdForTender } from './nexo-service-id.js';
export { PAYMENT_COMMANDS } from './payment-commands.js';
export type {
  PaymentApproved,
  PaymentEvent,
  PaymentFailure,
  PaymentRequest,
  PaymentTerminalOptions,
  RefundRequest,
} from './payment-terminal.js';
export { PaymentTerminal } from './payment-terminal.js';
export {
  DEFAULT_PAYMENT_TERMINAL_PROTOCOL,
  registerPaymentTerminalDrivers,
} from './payment-terminal-drivers.js';
export type { PaymentAmount, TerminalOutcome, TerminalResult } from './terminal-result.js';
