export { ACK, type EcrLinkItem, EcrLinkReader, frameEcrPayload, lrcOf, NAK } from './ecr-link-reader.js';
export type {
  RequestFault,
  TenderMethod,
  TerminalAmount,
  TerminalAnswer,
  TerminalOutcome,
  TerminalRequest,
} from './ecr-request.js';
export { readTerminalRequest, writeTerminalAnswer } from './ecr-request.js';
export type {
  SimPaymentTerminalOptions,
  TerminalFault,
  TerminalLinkFault,
  TerminalTransaction,
} from './sim-payment-terminal.js';
export { SimPaymentTerminal, TERMINAL_FAULTS } from './sim-payment-terminal.js';
export { simPaymentTerminalFactory } from './sim-payment-terminal-factory.js';
