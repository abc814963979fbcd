import type { ControlPageProduct } from '@storefloor/hardware-sim';
import type { DemoSupermarket } from './demo/index.js';

/**
 * The simulated devices of the virtual store, as a hardware-sim config (`--config`): two checkout lanes, a
 * self-checkout kiosk, two smart carts, the shelf-label access point, the wallet gateway and face-pay.
 */
export interface StoreDeviceIds {
  readonly scanner: string;
  readonly scale: string;
  readonly printer: string;
  readonly terminal: string;
}

/** Lane n's devices at hardware-sim; the lane's device host opens these (the drawer hangs on the printer). */
export const LANE_DEVICES: readonly StoreDeviceIds[] = [
  { scanner: 'scanner-1', scale: 'scale-1', printer: 'printer-1', terminal: 'terminal-1' },
  { scanner: 'scanner-2', scale: 'scale-2', printer: 'printer-2', terminal: 'terminal-2' },
];

/** The kiosk: a scanner-scale in the counter, a bagging-area scale, its own printer and a nexo card terminal. */
export const KIOSK_DEVICES = {
  scannerScale: 'kiosk-scanner-scale',
  baggingScale: 'kiosk-bagging-scale',
  printer: 'kiosk-printer',
  terminal: 'kiosk-terminal',
} as const;

export const CART_IDS = ['cart-1', 'cart-2'] as const;
export const ESL_ACCESS_POINT_ID = 'esl-ap-1';
export const WALLET_GATEWAY_ID = 'wallet-gateway-1';

interface SimDeviceEntry {
  readonly id: string;
  readonly kind: string;
  readonly protocol: string;
  /** Where it stands: the control page groups by it (bilingual, as the store's screens are). */
  readonly station: string;
  readonly options?: Record<string, unknown>;
}

export function storeSimConfig(options: {
  /** The edge agent's cart link (ws://…), which the carts keep dialling until it answers. */
  readonly cartLinkUrl: string;
  /** The MACs of the store's shelf labels, as the access point lists them. */
  readonly shelfLabelMacs: readonly string[];
}): { devices: SimDeviceEntry[] } {
  const lanes = LANE_DEVICES.flatMap((lane, index): SimDeviceEntry[] => {
    const station = `${index + 1} 号收银台 Lane ${index + 1}`;
    return [
      { id: lane.scanner, kind: 'scanner', protocol: 'aim-serial', station },
      // Lane 1 weighs on a Mettler Toledo 8217, lane 2 on an NCI scale: both protocols are in the store.
      { id: lane.scale, kind: 'scale', protocol: index === 0 ? 'toledo-8217' : 'nci', station },
      { id: lane.printer, kind: 'printer', protocol: 'escpos-tcp', station },
      { id: lane.terminal, kind: 'payment-terminal', protocol: 'nexo-https', station },
    ];
  });
  const kiosk = '自助收银 Self-checkout kiosk';
  return {
    devices: [
      ...lanes,
      {
        id: KIOSK_DEVICES.scannerScale,
        kind: 'scanner-scale',
        protocol: 'magellan-sci',
        station: kiosk,
        options: { unit: 'kg' },
      },
      { id: KIOSK_DEVICES.baggingScale, kind: 'scale', protocol: 'toledo-8217', station: kiosk },
      { id: KIOSK_DEVICES.printer, kind: 'printer', protocol: 'escpos-tcp', station: kiosk },
      { id: KIOSK_DEVICES.terminal, kind: 'payment-terminal', protocol: 'nexo-https', station: kiosk },
      ...CART_IDS.map(
        (id): SimDeviceEntry => ({
          id,
          kind: 'smart-cart',
          protocol: 'cart-ws',
          station: '智能购物车 Smart carts',
          // The agent's cart link may not listen yet (or at all, until its wiring lands): start anyway.
          options: { url: options.cartLinkUrl, waitForLink: false, reconnectDelayMs: 2_000 },
        }),
      ),
      {
        id: ESL_ACCESS_POINT_ID,
        kind: 'shelf-labels',
        protocol: 'openepaperlink-http',
        station: '电子价签 Shelf labels',
        options: { tags: options.shelfLabelMacs.map((mac) => ({ mac })) },
      },
      {
        // The demo merchant of WeChat Pay's signature document (as hardware-sim's default config).
        id: WALLET_GATEWAY_ID,
        kind: 'wallet-gateway',
        protocol: 'wechat-alipay-http',
        station: '移动支付 Wallet payments',
        options: {
          wechat: [
            { appId: 'wxd930ea5d5a258f4f', mchId: '10000100', apiKey: '192006250b4c09247ec02edce69f6a2d' },
          ],
        },
      },
      { id: 'face-pay-1', kind: 'face-pay', protocol: 'face-pay-http', station: '移动支付 Wallet payments' },
    ],
  };
}

/**
 * What the control page offers: every loose produce item by PLU (with a typical weight to put on the scale),
 * then age-restricted goods, then packaged goods from every department, each with its unit weight.
 */
export function controlPageProducts(demo: DemoSupermarket, count = 120): ControlPageProduct[] {
  const out: ControlPageProduct[] = [];
  const add = (item: DemoSupermarket['catalog'][number], unit: 'piece' | 'weight', grams?: number) => {
    const code = item.product.plu || item.product.gtins[0];
    if (!code || out.length >= count) return;
    out.push({ code, name: item.product.name, unit, ...(grams === undefined ? {} : { grams }) });
  };
  const produce = demo.catalog.filter((item) => item.product.plu !== '');
  for (const [index, item] of produce.entries()) add(item, 'weight', 350 + ((index * 173) % 1200));
  const packaged = demo.catalog.filter(
    (item) => item.product.plu === '' && item.product.unit === 'each' && item.labelEmbeds === undefined,
  );
  for (const item of packaged.filter((p) => p.product.ageRestriction > 0).slice(0, 10))
    add(item, 'piece', item.product.expectedUnitWeightGrams);
  const byDepartment = new Map<string, typeof packaged>();
  for (const item of packaged) {
    if (item.product.ageRestriction > 0) continue;
    const list = byDepartment.get(item.product.categoryId) ?? [];
    if (list.length < 6) list.push(item);
    byDepartment.set(item.product.categoryId, list);
  }
  for (const list of byDepartment.values())
    for (const item of list) add(item, 'piece', item.product.expectedUnitWeightGrams);
  return out;
}
