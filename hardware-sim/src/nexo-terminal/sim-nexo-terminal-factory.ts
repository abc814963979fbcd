import type { SimDeviceFactory } from '../sim-device.js';
import { SimNexoTerminal } from './sim-nexo-terminal.js';

/**
 * `payment-terminal/nexo-https`; options: `port` (0), `poiId`, `tls` (true), `shopperDelayMs` (20). The
 * certificate is written to `<runDir>/<id>.pem` for lanes to pin.
 */
export const simNexoTerminalFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  return new SimNexoTerminal({
    id: spec.id,
    host: env.host,
    certDir: env.runDir,
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.poiId === 'string' ? { poiId: o.poiId } : {}),
    ...(typeof o.tls === 'boolean' ? { tls: o.tls } : {}),
    ...(typeof o.shopperDelayMs === 'number' ? { shopperDelayMs: o.shopperDelayMs } : {}),
  });
};
