export type { FaceCode, FaceCodeFailure } from './face-pay-client.js';
export { requestFaceCode } from './face-pay-client.js';
export type { FacePayDeviceOptions } from './face-pay-device.js';
export { FacePayDevice } from './face-pay-device.js';
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
export { originalTransactionArg, PAYMENT_COMMANDS } from './payment-commands.js';
export {
  DEFAULT_PAYMENT_TERMINAL_PROTOCOL,
  registerPaymentTerminalDrivers,
} from './payment-terminal-drivers.js';
export type {
  PaymentAmount,
  PaymentApproved,
  PaymentFailure,
  PaymentRequest,
  PoiTransaction,
  RefundRequest,
  TenderMethod,
  TerminalOutcome,
  TerminalResult,
} from './terminal-result.js';
export { TENDER_METHODS } from './terminal-result.js';
