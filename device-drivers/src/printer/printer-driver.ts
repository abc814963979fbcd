import { createTransport } from '../config/create-transport.js';
import type { DeviceSpec } from '../config/device-config.js';
import type { DriverCatalog } from '../config/driver-catalog.js';
import type { PrintJobLedger } from './print-job-ledger.js';
import { isPrinterProfileId, PRINTER_PROFILE_IDS, PRINTER_PROFILES } from './printer-profile.js';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './receipt-printer.js';

export interface PrinterDriverOptions {
  /** The host's durable print-job ledger for a printer id; without it a printer keeps one in memory. */
  readonly ledgerFor?: (deviceId: string) => PrintJobLedger;
}

const NUMBER_OPTIONS = ['lineWidth', 'statusTimeoutMs', 'jobTimeoutMs', 'pollIntervalMs'] as const;

/**
 * The options of a `printer/escpos` device in the config: `profile` (one of PRINTER_PROFILE_IDS, default
 * `chinese-gb18030`), `lineWidth`, `statusTimeoutMs`, `jobTimeoutMs`, `pollIntervalMs`. Throws TypeError
 * naming a bad option; the catalog turns it into `bad-config`.
 */
export function printerOptionsFromSpec(spec: DeviceSpec): ReceiptPrinterOptions {
  const raw = spec.options ?? {};
  for (const key of Object.keys(raw)) {
    if (key !== 'profile' && !(NUMBER_OPTIONS as readonly string[]).includes(key))
      throw new TypeError(
        `device ${spec.id}: "${key}" is not a printer option (profile, ${NUMBER_OPTIONS.join(', ')})`,
      );
  }
  const out: { -readonly [K in keyof ReceiptPrinterOptions]: ReceiptPrinterOptions[K] } = { id: spec.id };
  if (raw.profile !== undefined) {
    if (!isPrinterProfileId(raw.profile))
      throw new TypeError(
        `device ${spec.id}: option "profile" ${JSON.stringify(raw.profile)} is not one of ${PRINTER_PROFILE_IDS.join(', ')}`,
      );
    out.profile = PRINTER_PROFILES[raw.profile];
  }
  for (const key of NUMBER_OPTIONS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new TypeError(`device ${spec.id}: option "${key}" must be a number`);
    out[key] = value;
  }
  return out;
}

/** Registers `printer/escpos` (ESC/POS over TCP 9100 or a serial line). */
export function registerPrinterDrivers(
  catalog: DriverCatalog,
  options: PrinterDriverOptions = {},
): DriverCatalog {
  return catalog.register('printer', 'escpos', (spec) => {
    if (spec.transport !== 'tcp' && spec.transport !== 'serial')
      throw new TypeError(`device ${spec.id}: protocol "escpos" needs transport tcp or serial`);
    const ledger = options.ledgerFor?.(spec.id);
    return new ReceiptPrinter(
      { ...printerOptionsFromSpec(spec), ...(ledger ? { ledger } : {}) },
      createTransport(spec, { baudRate: 38400 }) as NonNullable<ReturnType<typeof createTransport>>,
    );
  });
}
