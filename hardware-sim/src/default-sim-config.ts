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
    { id: 'terminal-1', kind: 'payment-terminal', protocol: 'ecr-tcp' },
    {
      id: 'esl-ap-1',
      kind: 'shelf-labels',
      protocol: 'openepaperlink-http',
      options: { tags: [{ mac: '0000021EC9EC743A' }, { mac: '0000021EC9EC743B' }] },
    },
  ],
};
