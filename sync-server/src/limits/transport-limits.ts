/** Server-wide transport limits (Node's http server), configurable through config.ts. */
export interface TransportLimits {
  /**
   * The whole request (headers and body) must arrive within this time, or the socket is closed (408): a body
   * dripped a byte every two seconds is cut off here. Streams are not affected (their request is complete at
   * once; the response stays open). Imports of large files need it long enough for the slowest back office.
   */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this time (slowloris). */
  readonly headersTimeoutMs: number;
  /** Live streams one device may hold open on one instance. */
  readonly maxStreamsPerDevice: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 20_000,
  maxStreamsPerDevice: 16,
};
