import type { SimDeviceFactory } from '../sim-device.js';
import { SimAcquirer } from './sim-acquirer.js';
import { SimNexoTerminal } from './sim-nexo-terminal.js';

/**
 * `payment-terminal/nexo-https`; options: `port` (0), `poiId`, `tls` (true), `shopperDelayMs` (20). The
 * certificate is written to `<runDir>/<id>.pem` for lanes to pin. Every terminal this factory makes shares
 * `acquirer`, so a payment taken at one terminal can be refunded at another (a return at any lane);
 * `defaultCatalog()` makes one factory, and so one acquirer, per simulator.
 */
export function simNexoTerminalFactory(acquirer: SimAcquirer = new SimAcquirer()): SimDeviceFactory {
  return (spec, env) => {
    const o = spec.options ?? {};
    return new SimNexoTerminal({
      id: spec.id,
      host: env.host,
      certDir: env.runDir,
      acquirer,
      ...(typeof o.port === 'number' ? { port: o.port } : {}),
      ...(typeof o.poiId === 'string' ? { poiId: o.poiId } : {}),
      ...(typeof o.tls === 'boolean' ? { tls: o.tls } : {}),
      ...(typeof o.shopperDelayMs === 'number' ? { shopperDelayMs: o.shopperDelayMs } : {}),
    });
  };
}
