import type { SimDeviceFactory } from '../sim-device.js';
import { SimFacePay } from './sim-face-pay.js';

/** `face-pay/face-pay-http`; options: `port` (0), `lookDelayMs` (20). */
export const simFacePayFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  return new SimFacePay({
    id: spec.id,
    host: env.host,
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.lookDelayMs === 'number' ? { lookDelayMs: o.lookDelayMs } : {}),
  });
};
