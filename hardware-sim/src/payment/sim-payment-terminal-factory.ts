import type { SimDeviceFactory } from '../sim-device.js';
import { SimPaymentTerminal } from './sim-payment-terminal.js';

/** `payment-terminal/ecr-tcp`; options: `port` (default 0). */
export const simPaymentTerminalFactory: SimDeviceFactory = (spec, env) => {
  const port = spec.options?.port;
  return new SimPaymentTerminal({
    id: spec.id,
    host: env.host,
    ...(typeof port === 'number' ? { port } : {}),
  });
};
