import { err, ok } from '@storefloor/core';
import { type DeviceCommand, type Receipt, ReceiptPrinter } from '@storefloor/device-drivers';

function asPrinter(run: (printer: ReceiptPrinter, args: unknown) => ReturnType<DeviceCommand['run']>) {
  return (async (device, args) =>
    device instanceof ReceiptPrinter
      ? run(device, args)
      : err('wrong-device-kind', `${device.id} is not a receipt printer`)) satisfies DeviceCommand['run'];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `printer.print {jobId, receipt, reprint?}`, `printer.kick-drawer {pin?}`, `printer.status` for the lane host.
 * The receipt is the printer's own block model; the encoder refuses what it cannot print as a value.
 */
export const PRINTER_COMMANDS: Readonly<Record<string, DeviceCommand>> = {
  'printer.print': {
    kind: 'printer',
    run: asPrinter(async (printer, args) => {
      if (!isRecord(args) || typeof args.jobId !== 'string' || !isRecord(args.receipt)) {
        return err('bad-message', 'printer.print needs { jobId, receipt: { blocks } }');
      }
      if (!Array.isArray(args.receipt.blocks)) return err('bad-message', 'receipt.blocks must be an array');
      const receipt = args.receipt as unknown as Receipt;
      const done = await printer.print({ jobId: args.jobId, receipt }, { reprint: args.reprint === true });
      return done.ok ? ok({ jobId: done.value.jobId, outcome: done.value.outcome }) : done;
    }),
  },
  'printer.kick-drawer': {
    kind: 'printer',
    run: asPrinter(async (printer, args) => {
      const pin = isRecord(args) && args.pin === 5 ? 5 : 2;
      const done = await printer.kickDrawer(pin);
      return done.ok ? ok(null) : done;
    }),
  },
  'printer.status': {
    kind: 'printer',
    run: asPrinter(async (printer) => {
      const status = await printer.queryStatus();
      return status.ok ? ok(JSON.parse(JSON.stringify(status.value))) : status;
    }),
  },
};
