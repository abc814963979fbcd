export type {
  SimPaymentTerminalOptions,
  TerminalFault,
  TerminalTransaction,
} from './sim-payment-terminal.js';
export { SimPaymentTerminal, TERMINAL_FAULTS } from './sim-payment-terminal.js';
export { simPaymentTerminalFactory } from './sim-payment-terminal-factory.js';
