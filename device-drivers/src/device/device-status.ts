/**
 * Stable codes for why a device is not (fully) working. Clients branch on `reason`, never on `detail`.
 * Device-specific codes (paper-out, motion, declined…) live beside their driver; these are shared.
 */
export type DeviceFailureReason =
  | 'port-missing'
  | 'permission-denied'
  | 'port-busy'
  | 'open-failed'
  | 'no-answer'
  | 'device-gone'
  | 'write-failed'
  | 'connection-refused';

export type DeviceHealth = 'online' | 'offline' | 'reconnecting' | 'error';

/** What a `status` event carries: the device's health and, when not online, why and where. */
export interface DeviceStatus {
  readonly health: DeviceHealth;
  /** A stable code: a DeviceFailureReason or a device-specific one such as `motion` or `paper-out`. */
  readonly reason?: string;
  /** The port, address or URL concerned, so a person can find the cable. */
  readonly path?: string;
  readonly detail?: string;
}

/** What an `error` event carries: something went wrong that loses nothing (a bad frame, a misread). */
export interface DeviceError {
  readonly reason: string;
  readonly detail?: string;
  readonly path?: string;
}
