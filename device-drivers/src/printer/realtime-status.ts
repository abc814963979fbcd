import { err, ok, type Result } from '@storefloor/core';
import { TRANSMIT_REALTIME_STATUS } from './escpos-commands.js';

/**
 * DLE EOT n real-time status (Epson ESC/POS Command Reference, "DLE EOT"; bit tables as in the TM-T88 /
 * TM-U220 technical references):
 *
 * - n = 1 printer status: bit 2 drawer kick-out connector pin 3 HIGH, bit 3 offline.
 * - n = 2 offline cause: bit 2 cover open, bit 3 paper being fed by the FEED button,
 *   bit 5 printing stopped by paper end, bit 6 error occurred.
 * - n = 3 error cause: bit 2 mechanical (recoverable) error, bit 3 autocutter error,
 *   bit 5 unrecoverable error, bit 6 automatically recoverable error (e.g. head too hot).
 * - n = 4 roll paper sensor: bits 2+3 near-end sensor says paper near end, bits 5+6 end sensor says no paper.
 *
 * Every answer byte has the fixed pattern 0xx1xx10 (bits 0 and 7 off, bits 1 and 4 on); Epson's
 * "identification of send status" uses it to tell a status byte from other transmitted data.
 */
export type StatusQuery = 1 | 2 | 3 | 4;

export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4];

const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

export function statusQueryCommand(n: StatusQuery): Uint8Array {
  return Uint8Array.from([...TRANSMIT_REALTIME_STATUS, n]);
}

export type PrinterErrorKind = 'mechanical' | 'autocutter' | 'unrecoverable' | 'auto-recoverable';

/** What one status byte says; each query fills in only the fields it covers. */
export interface StatusReading {
  readonly online?: boolean;
  /** Drawer kick-out connector pin 3 level; whether HIGH means open depends on the drawer's switch. */
  readonly drawerPin3High?: boolean;
  readonly coverOpen?: boolean;
  readonly feedButtonPressed?: boolean;
  readonly stoppedByPaperEnd?: boolean;
  readonly errorOccurred?: boolean;
  readonly errors?: readonly PrinterErrorKind[];
  readonly paperNearEnd?: boolean;
  readonly paperOut?: boolean;
}

export type StatusDecodeFailure = 'not-a-status-byte' | 'unknown-query';

export function decodeStatusByte(n: number, byte: number): Result<StatusReading, StatusDecodeFailure> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isRealtimeStatusByte(byte)) {
    return err(
      'not-a-status-byte',
      `0x${(byte & 0xff).toString(16).padStart(2, '0')} lacks the 0xx1xx10 pattern`,
    );
  }
  const bit = (i: number) => (byte & (1 << i)) !== 0;
  switch (n) {
    case 1:
      return ok({ drawerPin3High: bit(2), online: !bit(3) });
    case 2:
      return ok({
        coverOpen: bit(2),
        feedButtonPressed: bit(3),
        stoppedByPaperEnd: bit(5),
        errorOccurred: bit(6),
      });
    case 3: {
      const errors: PrinterErrorKind[] = [];
      if (bit(2)) errors.push('mechanical');
      if (bit(3)) errors.push('autocutter');
      if (bit(5)) errors.push('unrecoverable');
      if (bit(6)) errors.push('auto-recoverable');
      return ok({ errors });
    }
    case 4:
      return ok({ paperNearEnd: (byte & 0x0c) !== 0, paperOut: (byte & 0x60) !== 0 });
    default:
      return err('unknown-query', `DLE EOT ${n} is not one of 1..4`);
  }
}

/** The printer's condition as a cashier sees it, merged from the four status answers. */
export interface PrinterCondition {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  readonly drawerOpen: boolean;
  readonly errors: readonly PrinterErrorKind[];
}

export interface ConditionOptions {
  /** Most drawers close the switch when open, driving pin 3 HIGH; set false for the opposite wiring. */
  readonly drawerOpenWhenPin3High?: boolean;
}

export function conditionFromReadings(
  readings: Partial<Record<StatusQuery, StatusReading>>,
  options: ConditionOptions = {},
): PrinterCondition {
  const r1 = readings[1] ?? {};
  const r2 = readings[2] ?? {};
  const r3 = readings[3] ?? {};
  const r4 = readings[4] ?? {};
  const pin3 = r1.drawerPin3High ?? false;
  return {
    online: r1.online ?? false,
    coverOpen: r2.coverOpen ?? false,
    paperNearEnd: r4.paperNearEnd ?? false,
    paperOut: (r4.paperOut ?? false) || (r2.stoppedByPaperEnd ?? false),
    drawerOpen: (options.drawerOpenWhenPin3High ?? true) ? pin3 : !pin3,
    errors: r3.errors ?? [],
  };
}
