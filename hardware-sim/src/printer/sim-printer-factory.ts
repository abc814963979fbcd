import type { SimDeviceFactory } from '../sim-device.js';
import { SimPrinter } from './sim-printer.js';

/**
 * `printer/escpos-tcp` (options: `port`, default 0) and `printer/escpos-serial` (options: `baudRate`,
 * default 38400); both take `lineWidth` (default 48).
 */
export const simPrinterFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  return new SimPrinter({
    id: spec.id,
    host: env.host,
    ...(spec.protocol === 'escpos-serial'
      ? { serial: { runDir: env.runDir, baudRate: typeof o.baudRate === 'number' ? o.baudRate : 38400 } }
      : {}),
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.lineWidth === 'number' ? { lineWidth: o.lineWidth } : {}),
  });
};
