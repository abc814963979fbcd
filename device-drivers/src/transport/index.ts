export type {
  ByteTransport,
  TransportClosed,
  TransportFailureReason,
  TransportFault,
} from './byte-transport.js';
export { classifyOpenError } from './classify-open-error.js';
export type { HidAddress } from './hid-transport.js';
export { HidTransport } from './hid-transport.js';
export { ListenerSet } from './listener-set.js';
export type { Parity, SerialLineSettings } from './serial-transport.js';
export { SerialTransport, STANDARD_BAUD_RATES } from './serial-transport.js';
export type { TcpSettings } from './tcp-transport.js';
export { TcpTransport } from './tcp-transport.js';
export { TransportEvents } from './transport-events.js';
