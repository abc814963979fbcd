// Wallet payment clients of the edge agent (issue 15): WeChat Pay v2 and Alipay merchant APIs, the charge
// loop (poll, reverse at the limit), refunds and the daily statement reconciliation.

export type { AlipayOptions } from './alipay-client.js';
export { AlipayClient } from './alipay-client.js';
export { alipayRsa2Sign, alipayRsa2Verify, alipaySignContent, rawJsonMember } from './alipay-sign.js';
export type { ChargeWalletOptions } from './charge-wallet.js';
export { chargeWallet } from './charge-wallet.js';
export type { ReconciliationReport, StoreWalletMovement } from './reconcile-statement.js';
export { reconcileStatement } from './reconcile-statement.js';
export type { RefundWalletOptions } from './refund-wallet.js';
export { refundWallet } from './refund-wallet.js';
export type { WalletClock } from './wallet-clock.js';
export { manualClock, systemClock } from './wallet-clock.js';
export type { WalletConfig } from './wallet-config.js';
export {
  loadWalletConfig,
  parseWalletConfig,
  WalletConfigSchema,
  walletServiceFrom,
} from './wallet-config.js';
export type { CancelState, OrderState, RefundState, WalletGateway } from './wallet-gateway.js';
export type { GatewayAnswer } from './wallet-http.js';
export { getFromGateway, postToGateway } from './wallet-http.js';
export type { WalletRefundRecord, WalletTenderRecord, WalletTenderState } from './wallet-ledger.js';
export { WalletLedger } from './wallet-ledger.js';
export type {
  WalletAmount,
  WalletChargeRequest,
  WalletCodeSource,
  WalletFailure,
  WalletPaid,
  WalletProvider,
  WalletRefunded,
  WalletRefundFailure,
  WalletRefundRequest,
} from './wallet-payment.js';
export type { StartWalletOptions, WalletRoutesOptions } from './wallet-routes.js';
export { registerWalletRoutes, startWalletRoutes, storeMovements, tenderView } from './wallet-routes.js';
export type { ReconcileFailure, StatementGateway } from './wallet-service.js';
export { WalletService } from './wallet-service.js';
export type { StatementLine, StatementResult } from './wallet-statement.js';
export { readAlipayStatement, readWechatStatement } from './wallet-statement.js';
export type { WechatPayOptions } from './wechat-pay-client.js';
export { WechatPayClient } from './wechat-pay-client.js';
export type { WechatSignType } from './wechat-sign.js';
export { wechatSign, wechatSignatureValid, wechatSignString } from './wechat-sign.js';
export { fromWechatXml, toWechatXml } from './wechat-xml.js';
