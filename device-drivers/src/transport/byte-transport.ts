import type { Result } from '@storefloor/core';

/** Why a transport could not open or write. Stable codes, shared with DeviceStatus.reason. */
export type TransportFailureReason =
  | 'port-missing'
  | 'permission-denied'
  | 'port-busy'
  | 'open-failed'
  | 'connection-refused'
  | 'no-answer'
  | 'write-failed'
  | 'not-open';

export interface TransportClosed {
  /** True when `close()` was asked for; false when the far end or the cable went away. */
  readonly expected: boolean;
}

export interface TransportFault {
  readonly reason: string;
  readonly detail?: string;
}

/**
 * A byte pipe handed to a driver (serial port, TCP socket, HID device). Drivers never construct ports
 * themselves, and codecs never see a transport (STYLE.md, "Pure logic apart from I/O").
 */
export interface ByteTransport {
  /** Human-findable location: `/dev/ttyUSB0`, `tcp://10.0.0.5:9100`, `hid:0c2e:0b61`. */
  readonly path: string;
  readonly isOpen: boolean;
  open(): Promise<Result<void, TransportFailureReason>>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<Result<void, TransportFailureReason>>;
  /** Each returns the function that unsubscribes. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  onClose(listener: (closed: TransportClosed) => void): () => void;
  onError(listener: (fault: TransportFault) => void): () => void;
}
