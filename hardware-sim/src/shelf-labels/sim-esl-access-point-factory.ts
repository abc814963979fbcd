import type { SimDeviceFactory } from '../sim-device.js';
import { SimEslAccessPoint, type SimTagConfig } from './sim-esl-access-point.js';

/** `shelf-labels/openepaperlink-http`; options: `tags` ([{ mac, batteryMv?, alias?, unreachable? }]), `port`, `pageSize`. */
export const simEslAccessPointFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  const tags = o.tags ?? [];
  if (
    !Array.isArray(tags) ||
    !tags.every(
      (t) => typeof t === 'object' && t !== null && typeof (t as { mac?: unknown }).mac === 'string',
    )
  ) {
    throw new TypeError(`device ${spec.id}: option "tags" must be a list of { mac: string }`);
  }
  return new SimEslAccessPoint({
    id: spec.id,
    host: env.host,
    tags: tags as SimTagConfig[],
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.pageSize === 'number' ? { pageSize: o.pageSize } : {}),
  });
};
