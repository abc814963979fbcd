export type { SaleHeader, SaleRequest } from './sale-to-poi-request.js';
export { readSaleRequest } from './sale-to-poi-request.js';
export type { SelfSignedCert } from './self-signed-cert.js';
export { selfSignedCert } from './self-signed-cert.js';
export type { NexoCharge, NexoReversal, ReversalAsk, ReversalRefusal } from './sim-acquirer.js';
export { SimAcquirer } from './sim-acquirer.js';
export type {
  NexoTerminalFault,
  NexoTerminalTransaction,
  SimNexoTerminalOptions,
} from './sim-nexo-terminal.js';
export { NEXO_TERMINAL_FAULTS, SimNexoTerminal } from './sim-nexo-terminal.js';
export { simNexoTerminalFactory } from './sim-nexo-terminal-factory.js';
