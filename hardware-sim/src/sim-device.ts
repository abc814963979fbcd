import type { Result } from '@storefloor/core';

/**
 * The kinds of device the simulator can stand in for, named as ARCHITECTURE.md §5 names them. The
 * simulator keeps its own list rather than the drivers' (ARCHITECTURE.md §2: hardware-sim never imports
 * device-drivers); a driver's config names the same strings, so a mismatch shows in the e2e tests.
 */
export type SimDeviceKind =
  | 'scanner'
  | 'scale'
  | 'scanner-scale'
  | 'printer'
  | 'cash-drawer'
  | 'payment-terminal'
  | 'shelf-labels'
  | 'smart-cart'
  | 'wallet-gateway'
  | 'face-pay';

export const SIM_DEVICE_KINDS: readonly SimDeviceKind[] = [
  'scanner',
  'scale',
  'scanner-scale',
  'printer',
  'cash-drawer',
  'payment-terminal',
  'shelf-labels',
  'smart-cart',
  'wallet-gateway',
  'face-pay',
];

export function isSimDeviceKind(value: unknown): value is SimDeviceKind {
  return typeof value === 'string' && (SIM_DEVICE_KINDS as readonly string[]).includes(value);
}

/** Where a driver reaches a simulated device: a serial path (pty), a TCP port, or a URL. */
export interface SimEndpoint {
  readonly path?: string;
  readonly port?: number;
  readonly url?: string;
}

/** A receipt the simulated printer printed, as the control API shows it. */
export interface ReceiptRecord {
  readonly id: string;
  readonly text: string;
  readonly printedAt: string;
}

/** A label image the simulated ESL access point accepted. */
export interface LabelRecord {
  readonly labelId: string;
  readonly updatedAt: string;
}

/**
 * One simulated device speaking a real protocol over a real transport (ARCHITECTURE.md §5).
 * Optional members are capabilities: the control API answers 409 `capability-missing` when absent.
 * Fault kinds are device-specific strings; an unknown kind is `{ ok: false, reason: 'unknown-fault' }`.
 */
export interface SimDevice {
  readonly id: string;
  readonly kind: SimDeviceKind;
  readonly protocol: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  endpoint(): SimEndpoint;
  /** The fault kinds this device can simulate, listed by GET /devices. */
  readonly faultKinds: readonly string[];
  injectFault(kind: string): Result<void>;
  clearFaults(): void;
  readonly faults: readonly string[];
  scan?(code: string, symbology?: string): Promise<Result<void>>;
  setWeight?(grams: number, stable: boolean): Result<void>;
  receipts?(): ReceiptRecord[];
  receiptPng?(receiptId: string): Buffer | undefined;
  labels?(): LabelRecord[];
  /** What a shelf label shows now, as a PNG (undefined when it shows nothing). */
  labelPng?(labelId: string): Buffer | undefined;
  transactions?(): unknown[];
  /** The device's TLS certificate (PEM) for a driver to pin, when it serves HTTPS with its own. */
  certificatePem?(): string | undefined;
  /** Smart carts: a shopper starts a session (optionally as a member), takes an item out, asks to pay. */
  startSession?(memberId?: string): string;
  removeItem?(code: string): Result<void>;
  requestCheckout?(): Result<void>;
}

/** What a sim config file declares for one device. */
export interface SimDeviceSpec {
  readonly id: string;
  readonly kind: SimDeviceKind;
  readonly protocol: string;
  /** Where the device stands, e.g. `lane-1`, `kiosk` (the control page groups devices by it). */
  readonly station?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** What every device factory gets: a private directory for pty links and the loopback host. */
export interface SimEnvironment {
  readonly runDir: string;
  readonly host: string;
}

export type SimDeviceFactory = (spec: SimDeviceSpec, env: SimEnvironment) => SimDevice;
