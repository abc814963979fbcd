import type { SimDeviceFactory } from '../sim-device.js';
import { type AlipayApp, SimWalletGateway, type WechatMerchant } from './sim-wallet-gateway.js';

/**
 * `wallet-gateway/wechat-alipay-http`; options: `port` (0), `confirmDelayMs` (20000), `latencyMs` (0),
 * `wechat` ([{ appId, mchId, apiKey, signType? }]), `alipay` ([{ appId, appPublicKeyPem }]).
 */
export const simWalletGatewayFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  return new SimWalletGateway({
    id: spec.id,
    host: env.host,
    ...(typeof o.port === 'number' ? { port: o.port } : {}),
    ...(typeof o.confirmDelayMs === 'number' ? { confirmDelayMs: o.confirmDelayMs } : {}),
    ...(typeof o.latencyMs === 'number' ? { latencyMs: o.latencyMs } : {}),
    ...(Array.isArray(o.wechat) ? { wechat: o.wechat as WechatMerchant[] } : {}),
    ...(Array.isArray(o.alipay) ? { alipay: o.alipay as AlipayApp[] } : {}),
  });
};
