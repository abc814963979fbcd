import {
  createTransport,
  DriverCatalog,
  FacePayDevice,
  ReceiptPrinter,
  registerPaymentTerminalDrivers,
  registerScannerAndScaleDrivers,
} from '@storefloor/device-drivers';

/**
 * Every driver a lane may need, by `kind/protocol`: device-drivers' scanners and scales, the ESC/POS
 * receipt printer (its cash drawer hangs off the printer's kick port), the nexo Sale-to-POI card terminal
 * (`payment-terminal/nexo-https`) and the face-pay device (`face-pay/face-pay-http`).
 */
export function laneDriverCatalog(): DriverCatalog {
  return registerPaymentTerminalDrivers(registerScannerAndScaleDrivers(new DriverCatalog()))
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
    .register('face-pay', 'face-pay-http', (spec) => {
      if (spec.transport !== 'http')
        throw new TypeError(`device ${spec.id}: protocol "face-pay-http" needs transport http`);
      const look = spec.options?.lookTimeoutMs;
      if (look !== undefined && typeof look !== 'number')
        throw new TypeError(`device ${spec.id}: option "lookTimeoutMs" must be a number`);
      return new FacePayDevice({
        id: spec.id,
        url: spec.address ?? '',
        ...(look === undefined ? {} : { lookTimeoutMs: look }),
      });
    });
}
