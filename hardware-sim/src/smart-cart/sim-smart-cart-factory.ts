import type { SimDeviceFactory } from '../sim-device.js';
import { SimSmartCart } from './sim-smart-cart.js';

/** `smart-cart/cart-ws`; options: `url` (the edge's cart link, required), `reconnectDelayMs`, `heartbeatMs`,
 * `waitForLink` (false: start without waiting for the edge to answer). */
export const simSmartCartFactory: SimDeviceFactory = (spec) => {
  const o = spec.options ?? {};
  if (typeof o.url !== 'string')
    throw new TypeError(`device ${spec.id}: option "url" (the edge's ws:// cart link) is required`);
  return new SimSmartCart({
    id: spec.id,
    url: o.url,
    ...(typeof o.reconnectDelayMs === 'number' ? { reconnectDelayMs: o.reconnectDelayMs } : {}),
    ...(typeof o.heartbeatMs === 'number' ? { heartbeatMs: o.heartbeatMs } : {}),
    ...(typeof o.waitForLink === 'boolean' ? { waitForLink: o.waitForLink } : {}),
  });
};
