import {
  createTransport,
  DriverCatalog,
  PaymentTerminal,
  ReceiptPrinter,
  registerScannerAndScaleDrivers,
} from '@storefloor/device-drivers';

/**
 * Every driver a lane may need, by `kind/protocol`: device-drivers' scanners and scales, plus the ESC/POS
 * receipt printer (its cash drawer hangs off the printer's kick port) and the ECR payment terminal.
 */
export function laneDriverCatalog(): DriverCatalog {
  return registerScannerAndScaleDrivers(new DriverCatalog())
    .register('printer', 'escpos', (spec) => {
      if (spec.transport !== 'tcp' && spec.transport !== 'serial') {
        throw new TypeError(`device ${spec.id}: protocol "escpos" needs transport tcp or serial`);
      }
      const lineWidth = spec.options?.lineWidth;
      if (lineWidth !== undefined && typeof lineWidth !== 'number') {
        throw new TypeError(`device ${spec.id}: option "lineWidth" must be a number`);
      }
      return new ReceiptPrinter(
        { id: spec.id, ...(lineWidth === undefined ? {} : { lineWidth }) },
        createTransport(spec)!,
      );
    })
    .register('payment-terminal', 'ecr', (spec) => {
      if (spec.transport !== 'tcp' && spec.transport !== 'serial') {
        throw new TypeError(`device ${spec.id}: protocol "ecr" needs transport tcp or serial`);
      }
      const replyTimeoutMs = spec.options?.replyTimeoutMs;
      if (replyTimeoutMs !== undefined && typeof replyTimeoutMs !== 'number') {
        throw new TypeError(`device ${spec.id}: option "replyTimeoutMs" must be a number`);
      }
      return new PaymentTerminal(
        { id: spec.id, ...(replyTimeoutMs === undefined ? {} : { replyTimeoutMs }) },
        createTransport(spec)!,
      );
    });
}
