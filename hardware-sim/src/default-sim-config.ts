import type { SimConfig } from './sim-config.js';

/**
 * What `npm run sim` starts when no config file is given: one lane's devices and the store's label
 * access point. A smart cart needs the edge agent's cart link URL, so it is only started from a config
 * that names it (`{ "id": "cart-1", "kind": "smart-cart", "protocol": "cart-ws", "options": { "url": … } }`).
 */
export const DEFAULT_SIM_CONFIG: SimConfig = {
  devices: [
    { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' },
    { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' },
    { id: 'scale-2', kind: 'scale', protocol: 'nci' },
    { id: 'printer-1', kind: 'printer', protocol: 'escpos-tcp' },
    { id: 'terminal-1', kind: 'payment-terminal', protocol: 'nexo-https' },
    {
      // The demo merchant of WeChat Pay's signature document; Alipay apps need their public key in a config.
      id: 'wallet-gateway-1',
      kind: 'wallet-gateway',
      protocol: 'wechat-alipay-http',
      options: {
        wechat: [
          { appId: 'wxd930ea5d5a258f4f', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' },
        ],
      },
    },
    { id: 'face-pay-1', kind: 'face-pay', protocol: 'face-pay-http' },
    {
      id: 'esl-ap-1',
      kind: 'shelf-labels',
      protocol: 'openepaperlink-http',
      options: { tags: [{ mac: '0000021EC9EC743A' }, { mac: '0000021EC9EC743B' }] },
    },
  ],
};
