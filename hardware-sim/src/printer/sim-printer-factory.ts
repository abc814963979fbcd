import type { SimDeviceFactory } from '../sim-device.js';
import { isSimPrinterModelId, SIM_PRINTER_MODELS } from './printer-model.js';
import { SimPrinter } from './sim-printer.js';

/**
 * `printer/escpos-tcp` (options: `port`, default 0) and `printer/escpos-serial` (options: `baudRate`,
 * default 38400); both take `lineWidth` (default 48) and `model` (`epson-western`, `chinese-gb18030`
 * (default), `chinese-gbk`): which code tables and Kanji code the simulated printer has.
 */
export const simPrinterFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  if (o.model !== undefined && !isSimPrinterModelId(o.model))
    throw new TypeError(
      `sim printer ${spec.id}: option "model" ${JSON.stringify(o.model)} is not one of ${Object.keys(SIM_PRINTER_MODELS).join(', ')}`,
    );
  return new SimPrinter({
    id: spec.id,
    host: env.host,
    ...(spec.protocol === 'escpos-serial'
      ? { serial: { runDir: env.runDir, baudRate: typeof o.baudRate === 'number' ? o.baudRate : 38400 } }
      : {}),
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.lineWidth === 'number' ? { lineWidth: o.lineWidth } : {}),
    ...(isSimPrinterModelId(o.model) ? { model: SIM_PRINTER_MODELS[o.model] } : {}),
  });
};
