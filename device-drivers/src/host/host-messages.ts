import { err, ok, type Result } from '@storefloor/core';
import type { DeviceKind } from '../device/device-kind.js';
import type { DeviceState } from '../device/device-state.js';
import type { DeviceError, DeviceStatus } from '../device/device-status.js';

/**
 * The one message protocol between a device host and its clients (the POS renderer over Electron IPC,
 * store services over WebSocket). Plain JSON: every message survives structured clone and JSON.stringify.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type LifecycleCommand = 'open' | 'claim' | 'enable' | 'disable' | 'release' | 'close';

export const LIFECYCLE_COMMANDS: readonly LifecycleCommand[] = [
  'open',
  'claim',
  'enable',
  'disable',
  'release',
  'close',
];

/** Client → host. `requestId` is chosen by the client and echoed in the reply. */
export type HostRequest =
  | { readonly type: 'list'; readonly requestId: string }
  | { readonly type: LifecycleCommand; readonly requestId: string; readonly deviceId: string }
  | {
      readonly type: 'invoke';
      readonly requestId: string;
      readonly deviceId: string;
      /** A device-specific command such as `scale.zero`, `scale.read`, `printer.print`. */
      readonly command: string;
      readonly args?: JsonValue;
    };

export interface DeviceInfo {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly state: DeviceState;
  readonly status: DeviceStatus;
  readonly location: string;
}

/** Host → client: a reply to one request, or an event from a device (sent to every session). */
export type HostMessage =
  | { readonly type: 'reply'; readonly requestId: string; readonly result: Result<JsonValue> }
  | {
      readonly type: 'data';
      readonly deviceId: string;
      readonly payload: JsonValue;
      /**
       * When the host had the frame: epoch milliseconds with a fraction (`performance.timeOrigin +
       * performance.now()`), so a renderer on the same machine can time scan-to-screen from the bytes on.
       */
      readonly at?: number;
    }
  | { readonly type: 'status'; readonly deviceId: string; readonly payload: DeviceStatus }
  | { readonly type: 'error'; readonly deviceId: string; readonly payload: DeviceError };

/** Why a host request failed. Device-specific reasons (`motion`, `paper-out`) pass through as they are. */
export type HostFailureReason =
  | 'bad-message'
  | 'device-not-found'
  | 'illegal-transition'
  | 'claimed-elsewhere'
  | 'unknown-command'
  | 'wrong-device-kind';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a request from the wire; the failure names what is wrong and carries the requestId if any. */
export function parseHostRequest(raw: unknown): Result<HostRequest, 'bad-message'> & { requestId?: string } {
  if (!isRecord(raw)) return err('bad-message', 'a request must be an object');
  const requestId = raw.requestId;
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 200) {
    return err('bad-message', 'requestId must be a non-empty string');
  }
  const fail = (detail: string) => ({ ...err('bad-message', detail), requestId });
  if (raw.type === 'list') return ok({ type: 'list', requestId });
  if (typeof raw.deviceId !== 'string' || raw.deviceId.length === 0)
    return fail('deviceId must be a non-empty string');
  if (LIFECYCLE_COMMANDS.includes(raw.type as LifecycleCommand)) {
    return ok({ type: raw.type as LifecycleCommand, requestId, deviceId: raw.deviceId });
  }
  if (raw.type === 'invoke') {
    if (typeof raw.command !== 'string' || !/^[a-z-]+\.[a-z-]+$/.test(raw.command)) {
      return fail('command must look like "kind.action", e.g. "scale.zero"');
    }
    return ok({
      type: 'invoke',
      requestId,
      deviceId: raw.deviceId,
      command: raw.command,
      ...(raw.args === undefined ? {} : { args: raw.args as JsonValue }),
    });
  }
  return fail(`unknown request type ${JSON.stringify(raw.type)}`);
}
