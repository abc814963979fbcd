import type { SimDeviceFactory } from '../sim-device.js';
import { SimPaymentTerminal } from './sim-payment-terminal.js';

/** `payment-terminal/ecr-tcp`; options: `port` (default 0), `customerDelayMs` (default 2000). */
export const simPaymentTerminalFactory: SimDeviceFactory = (spec, env) => {
  const port = spec.options?.port;
  const customerDelayMs = spec.options?.customerDelayMs;
  return new SimPaymentTerminal({
    id: spec.id,
    host: env.host,
    ...(typeof port === 'number' ? { port } : {}),
    ...(typeof customerDelayMs === 'number' ? { customerDelayMs } : {}),
  });
};
