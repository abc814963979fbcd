export type { BillOrder } from './gateway-bills.js';
export { alipayBill, wechatBill } from './gateway-bills.js';
export { alipayAnswerSign, alipayRequestVerifies, wechatSignOf } from './provider-signatures.js';
export type {
  AlipayApp,
  GatewayCharge,
  GatewayProvider,
  SimWalletGatewayOptions,
  WalletGatewayFault,
  WechatMerchant,
} from './sim-wallet-gateway.js';
export { SimWalletGateway, WALLET_GATEWAY_FAULTS } from './sim-wallet-gateway.js';
export { simWalletGatewayFactory } from './sim-wallet-gateway-factory.js';
