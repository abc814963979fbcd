import { generateKeyPairSync, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatDecimalAmount, parseDecimalAmount, type Result } from '@storefloor/core';
import { FaultSet } from '../fault-set.js';
import type { SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { alipayBill, wechatBill } from './gateway-bills.js';
import { alipayAnswerSign, alipayRequestVerifies, wechatSignOf } from './provider-signatures.js';
import { readWechatXml, writeWechatXml } from './wechat-xml-body.js';

// WeChat Pay v2 and Alipay open API merchant endpoints on loopback, written from the providers' documents:
// WeChat pay.weixin.qq.com/wiki/doc/api/micropay.php (micropay 9_10, orderquery 9_2, reverse 9_11, refund 9_4,
// downloadbill 9_6) and facepay; Alipay opendocs.alipay.com alipay.trade.pay / query / cancel / refund and
// alipay.data.dataservice.bill.downloadurl.query.

export type WalletGatewayFault =
  | 'shopper-slow'
  | 'insufficient-balance'
  | 'expired-code'
  | 'system-error-then-success'
  | 'no-answer'
  | 'bad-signature'
  | 'wrong-amount'
  | 'refund-reply-lost';
/** Each fault acts once, on the next payment (`refund-reply-lost`: the next refund), then clears itself. */
export const WALLET_GATEWAY_FAULTS: readonly WalletGatewayFault[] = [
  'shopper-slow',
  'insufficient-balance',
  'expired-code',
  'system-error-then-success',
  'no-answer',
  'bad-signature',
  'wrong-amount',
  'refund-reply-lost',
];

export type GatewayProvider = 'wechat-pay' | 'alipay';

export interface WechatMerchant {
  readonly appId: string;
  readonly mchId: string;
  readonly apiKey: string;
  /** The sign_type this merchant signs with (a request naming another is refused as a bad signature). */
  readonly signType?: 'MD5' | 'HMAC-SHA256';
}

export interface AlipayApp {
  readonly appId: string;
  /** The app's public key, uploaded to Alipay: verifies every request. */
  readonly appPublicKeyPem: string;
}

export interface SimWalletGatewayOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  readonly wechat?: readonly WechatMerchant[];
  readonly alipay?: readonly AlipayApp[];
  /** How long a shopper takes to confirm with the `shopper-slow` fault (default 20 s). */
  readonly confirmDelayMs?: number;
  /** Added before each answer: the WAN and the provider's own time (default 0). */
  readonly latencyMs?: number;
  /** The gateway's clock; tests share one with the client so a 20-second wait takes no time. */
  readonly clock?: { now(): number };
}

type OrderStatus = 'paying' | 'paid' | 'closed' | 'reversed' | 'failed';

interface Order {
  readonly provider: GatewayProvider;
  readonly outTradeNo: string;
  readonly minor: number;
  readonly tradeNo: string;
  status: OrderStatus;
  confirmAt: number;
  paidAt?: number;
  readonly refunds: Map<string, number>;
}

/** Money the gateway moved: a charge, and whether it was reversed or refunded since. */
export interface GatewayCharge {
  readonly provider: GatewayProvider;
  readonly outTradeNo: string;
  readonly minor: number;
  reversed: boolean;
  refundedMinor: number;
}

/** WeChat auth_code: 18 digits starting 10-15 (micropay, auth_code "付款码规则"). */
const WECHAT_CODE = /^1[0-5]\d{16}$/;
/** Alipay auth_code: 16-24 digits starting 25-30 (alipay.trade.pay, auth_code). */
const ALIPAY_CODE = /^(2[5-9]|30)\d{14,22}$/;
const FACE_CODE = /^[A-Za-z0-9_-]{8,128}$/;

export class SimWalletGateway implements SimDevice {
  readonly kind: SimDeviceKind = 'wallet-gateway';
  readonly protocol = 'wechat-alipay-http';
  readonly faultKinds = WALLET_GATEWAY_FAULTS;
  readonly id: string;
  readonly #host: string;
  readonly #port: number;
  readonly #wechat: readonly WechatMerchant[];
  readonly #alipay: readonly AlipayApp[];
  readonly #clock: { now(): number };
  readonly #latencyMs: number;
  #confirmDelayMs: number;
  readonly #faults = new FaultSet(WALLET_GATEWAY_FAULTS);
  readonly #sockets = new Set<Socket>();
  readonly #orders = new Map<string, Order>();
  readonly #charges: GatewayCharge[] = [];
  readonly #alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  #server: Server | undefined;
  #nextTrade = 1;
  /** Requests the gateway refused for their signature, as the provider would (kept for tests). */
  readonly refusedSignatures: string[] = [];

  constructor(options: SimWalletGatewayOptions) {
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#wechat = options.wechat ?? [];
    this.#alipay = options.alipay ?? [];
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#confirmDelayMs = options.confirmDelayMs ?? 20_000;
    this.#latencyMs = options.latencyMs ?? 0;
  }

  get faults(): readonly string[] {
    return this.#faults.list;
  }

  injectFault(kind: string): Result<void> {
    return this.#faults.add(kind);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  setConfirmDelay(ms: number): void {
    this.#confirmDelayMs = ms;
  }

  /** Alipay's public key (支付宝公钥), which the merchant uses to verify every answer. */
  alipayPublicKeyPem(): string {
    return this.#alipayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  charges(): readonly GatewayCharge[] {
    return this.#charges;
  }

  transactions(): unknown[] {
    return this.#charges.map((c) => ({ ...c }));
  }

  endpoint(): SimEndpoint {
    const port = (this.#server?.address() as AddressInfo | null)?.port;
    return port ? { port, url: `http://${this.#host}:${port}` } : {};
  }

  async start(): Promise<void> {
    this.#server = createServer(
      (req, res) =>
        void this.#handle(req, res).catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(e instanceof Error ? e.message : String(e));
        }),
    );
    this.#server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.once('close', () => this.#sockets.delete(s));
    });
    await listen(this.#server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    await unplug(this.#server, this.#sockets);
    this.#server = undefined;
  }

  #take(kind: WalletGatewayFault): boolean {
    if (!this.#faults.has(kind)) return false;
    const rest = this.#faults.clear().filter((k) => k !== kind);
    for (const k of rest) this.#faults.add(k);
    return true;
  }

  /** Settles an order whose shopper has confirmed by now. */
  #settle(order: Order | undefined): Order | undefined {
    if (order?.status === 'paying' && this.#clock.now() >= order.confirmAt) this.#charge(order);
    return order;
  }

  #charge(order: Order) {
    order.status = 'paid';
    order.paidAt = this.#clock.now();
    this.#charges.push({
      provider: order.provider,
      outTradeNo: order.outTradeNo,
      minor: order.minor,
      reversed: false,
      refundedMinor: 0,
    });
  }

  #chargeOf(order: Order): GatewayCharge | undefined {
    return this.#charges.find((c) => c.provider === order.provider && c.outTradeNo === order.outTradeNo);
  }

  #newOrder(provider: GatewayProvider, outTradeNo: string, minor: number): Order {
    const day = new Date(this.#clock.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const serial = String(this.#nextTrade++).padStart(10, '0');
    const order: Order = {
      provider,
      outTradeNo,
      minor,
      tradeNo: provider === 'wechat-pay' ? `4200${day}${serial}` : `${day}22001${serial}`,
      status: 'paying',
      confirmAt: this.#clock.now(),
      refunds: new Map(),
    };
    this.#orders.set(`${provider}:${outTradeNo}`, order);
    return order;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.#latencyMs > 0) await new Promise((r) => setTimeout(r, this.#latencyMs));
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (req.method === 'GET' && url.pathname.startsWith('/alipay-bill/')) {
      const date = url.pathname.slice('/alipay-bill/'.length).replace(/\.csv$/, '');
      res
        .writeHead(200, { 'content-type': 'text/csv; charset=utf-8' })
        .end(alipayBill(this.#billOrders('alipay', date)));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/gateway.do') return this.#alipayCall(body, req, res);
    return this.#wechatCall(url.pathname, body, req, res);
  }

  #billOrders(provider: GatewayProvider, date: string) {
    const day = date.replaceAll('-', '');
    return [...this.#orders.values()]
      .filter(
        (o) =>
          o.provider === provider &&
          o.paidAt !== undefined &&
          new Date(o.paidAt + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '') === day,
      )
      .map((o) => ({
        outTradeNo: o.outTradeNo,
        tradeNo: o.tradeNo,
        minor: o.minor,
        paidAt: o.paidAt as number,
        reversed: o.status === 'reversed',
        refunds: [...o.refunds.entries()].map(([refundId, minor]) => ({ refundId, minor })),
      }));
  }

  // ---- WeChat Pay v2 ------------------------------------------------------------------------------

  #wechatCall(path: string, body: string, req: IncomingMessage, res: ServerResponse) {
    const xml = (p: Record<string, string | undefined>): void => {
      res.writeHead(200, { 'content-type': 'text/xml' }).end(writeWechatXml(p));
    };
    const p = readWechatXml(body);
    if (!p) return xml({ return_code: 'FAIL', return_msg: 'XML格式错误' });
    const merchant = this.#wechat.find((m) => m.appId === p.appid && m.mchId === p.mch_id);
    if (!merchant) return xml({ return_code: 'FAIL', return_msg: 'appid和mch_id不匹配' });
    const signType = p.sign_type ?? 'MD5';
    // "签名错误": a wrong sign, or a sign_type other than the merchant's, is refused before anything is read.
    if (signType !== (merchant.signType ?? 'MD5') || p.sign !== wechatSignOf(p, merchant.apiKey, signType)) {
      this.refusedSignatures.push(`wechat-pay ${path}`);
      return xml({ return_code: 'FAIL', return_msg: '签名错误' });
    }
    const answer = (fields: Record<string, string | undefined>, forge = false) => {
      const out: Record<string, string | undefined> = {
        return_code: 'SUCCESS',
        return_msg: 'OK',
        appid: merchant.appId,
        mch_id: merchant.mchId,
        nonce_str: randomInt(1e9).toString(36) + randomInt(1e9).toString(36),
        ...fields,
      };
      out.sign = wechatSignOf(out, merchant.apiKey, signType);
      if (forge) out.sign = `${out.sign.slice(0, -1)}${out.sign.endsWith('0') ? '1' : '0'}`;
      xml(out);
    };
    const fail = (code: string, des: string, extra: Record<string, string> = {}) =>
      answer({ result_code: 'FAIL', err_code: code, err_code_des: des, ...extra });
    const order = this.#settle(p.out_trade_no ? this.#orders.get(`wechat-pay:${p.out_trade_no}`) : undefined);
    switch (path) {
      case '/pay/micropay':
      case '/pay/facepay': {
        const fee = Number(p.total_fee);
        if (
          !p.out_trade_no ||
          !/^[A-Za-z0-9_|*-]{1,32}$/.test(p.out_trade_no) ||
          !Number.isSafeInteger(fee) ||
          fee <= 0 ||
          !p.body
        )
          return fail('PARAM_ERROR', '参数错误');
        const code = path === '/pay/micropay' ? p.auth_code : p.face_code;
        if (!code || !(path === '/pay/micropay' ? WECHAT_CODE : FACE_CODE).test(code))
          return fail('AUTH_CODE_INVALID', '付款码无效，请重新扫码');
        if (order) {
          if (order.minor !== fee) return fail('OUT_TRADE_NO_USED', '商户订单号重复');
          if (order.status === 'paid') return fail('ORDERPAID', '订单已支付');
          if (order.status === 'paying') return fail('USERPAYING', '需要用户输入支付密码');
          if (order.status === 'reversed') return fail('ORDERREVERSED', '订单已撤销');
          if (order.status === 'closed') return fail('ORDERCLOSED', '订单已关闭');
        }
        return this.#pay('wechat-pay', p.out_trade_no, fee, req, {
          forged: () =>
            answer(
              {
                result_code: 'SUCCESS',
                out_trade_no: p.out_trade_no,
                total_fee: p.total_fee,
                transaction_id: '4200000000000000000',
              },
              true,
            ),
          insufficient: () => fail('NOTENOUGH', '余额不足'),
          expired: () => fail('AUTHCODEEXPIRE', '二维码已过期，请用户在微信上刷新后再试'),
          systemError: () => fail('SYSTEMERROR', '系统超时'),
          paying: () => fail('USERPAYING', '需要用户输入支付密码'),
          paid: (o, shown) =>
            answer({
              ...this.#wechatOrderFields(o, path === '/pay/facepay' ? 'FACEPAY' : 'MICROPAY'),
              total_fee: String(shown),
            }),
        });
      }
      case '/pay/orderquery': {
        if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
        const state = {
          paying: 'USERPAYING',
          paid: order.refunds.size > 0 ? 'REFUND' : 'SUCCESS',
          closed: 'CLOSED',
          reversed: 'REVOKED',
          failed: 'PAYERROR',
        }[order.status];
        return answer({ ...this.#wechatOrderFields(order, 'MICROPAY'), trade_state: state });
      }
      case '/secapi/pay/reverse': {
        if (!order) return fail('ORDERNOTEXIST', '订单不存在', { recall: 'N' });
        this.#reverse(order);
        return answer({ result_code: 'SUCCESS', recall: 'N' });
      }
      case '/secapi/pay/refund': {
        if (order?.status !== 'paid') return fail('ORDERNOTEXIST', '订单不存在');
        const total = Number(p.total_fee);
        const fee = Number(p.refund_fee);
        if (!p.out_refund_no || total !== order.minor || !Number.isSafeInteger(fee) || fee <= 0)
          return fail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致');
        const before = order.refunds.get(p.out_refund_no);
        if (before !== undefined && before !== fee)
          return fail('INVALID_REQUEST', '退款单号重复，金额不一致');
        if (before === undefined) {
          const refunded = [...order.refunds.values()].reduce((a, b) => a + b, 0);
          if (fee > order.minor - refunded) return fail('INVALID_REQUEST', '退款金额大于订单可退金额');
          order.refunds.set(p.out_refund_no, fee);
          const c = this.#chargeOf(order);
          if (c) c.refundedMinor += fee;
        }
        if (this.#take('refund-reply-lost')) {
          // Refunded, and the answer never arrives.
          req.socket.destroy();
          return;
        }
        return answer({
          result_code: 'SUCCESS',
          out_trade_no: order.outTradeNo,
          transaction_id: order.tradeNo,
          out_refund_no: p.out_refund_no,
          refund_id: `5030${order.tradeNo.slice(4)}`,
          refund_fee: String(fee),
          total_fee: String(order.minor),
        });
      }
      case '/pay/downloadbill': {
        const rows = this.#billOrders('wechat-pay', p.bill_date ?? '');
        if (rows.length === 0) {
          res
            .writeHead(200, { 'content-type': 'text/xml' })
            .end(writeWechatXml({ return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(wechatBill(rows, merchant));
        return;
      }
      default:
        res.writeHead(404).end();
    }
  }

  #wechatOrderFields(o: Order, tradeType: string) {
    return {
      result_code: 'SUCCESS',
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      trade_type: tradeType,
      bank_type: 'OTHERS',
      fee_type: 'CNY',
      total_fee: String(o.minor),
      cash_fee: String(o.minor),
      transaction_id: o.tradeNo,
      out_trade_no: o.outTradeNo,
      ...(o.paidAt ? { time_end: beijing(o.paidAt).replace(/[- :]/g, '') } : {}),
    };
  }

  /** The shared pay flow: faults, the shopper's confirmation, the charge. */
  #pay(
    provider: GatewayProvider,
    outTradeNo: string,
    minor: number,
    req: IncomingMessage,
    say: {
      forged(): void;
      insufficient(): void;
      expired(): void;
      systemError(): void;
      paying(): void;
      paid(order: Order, shownMinor: number): void;
    },
  ) {
    if (this.#take('bad-signature')) return say.forged();
    if (this.#take('insufficient-balance')) return say.insufficient();
    if (this.#take('expired-code')) return say.expired();
    const order = this.#newOrder(provider, outTradeNo, minor);
    if (this.#take('system-error-then-success')) {
      this.#charge(order);
      return say.systemError();
    }
    if (this.#take('no-answer')) {
      // Charged, and the answer never leaves: the connection stays open until the client gives up.
      this.#charge(order);
      req.socket.setTimeout(0);
      return;
    }
    if (this.#take('shopper-slow')) {
      order.confirmAt = this.#clock.now() + this.#confirmDelayMs;
      return say.paying();
    }
    this.#charge(order);
    // `wrong-amount`: the answer names one yuan more than was charged (an answer the lane must not trust).
    return say.paid(order, this.#take('wrong-amount') ? order.minor + 100 : order.minor);
  }

  #reverse(order: Order) {
    if (order.status === 'paid') {
      const c = this.#chargeOf(order);
      if (c) c.reversed = true;
      order.status = 'reversed';
    } else if (order.status === 'paying') order.status = 'closed';
  }

  // ---- Alipay --------------------------------------------------------------------------------------

  #alipayCall(body: string, req: IncomingMessage, res: ServerResponse) {
    const params = Object.fromEntries(new URLSearchParams(body));
    const method = params.method ?? '';
    const member = `${method.replaceAll('.', '_')}_response`;
    const send = (node: Record<string, unknown>, forge = false) => {
      const json = JSON.stringify(node);
      let sign = alipayAnswerSign(
        json,
        this.#alipayKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      );
      if (forge) sign = `${sign[0] === 'A' ? 'B' : 'A'}${sign.slice(1)}`;
      res
        .writeHead(200, { 'content-type': 'application/json;charset=utf-8' })
        .end(`{"${member}":${json},"sign":"${sign}"}`);
    };
    const bizFail = (sub_code: string, sub_msg: string, extra: Record<string, unknown> = {}) =>
      send({ code: '40004', msg: 'Business Failed', sub_code, sub_msg, ...extra });
    const app = this.#alipay.find((a) => a.appId === params.app_id);
    if (!app)
      return send({
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-app-id',
        sub_msg: '无效的AppID参数',
      });
    if (params.sign_type !== 'RSA2' || !alipayRequestVerifies(params, app.appPublicKeyPem)) {
      this.refusedSignatures.push(`alipay ${method}`);
      return send({
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-signature',
        sub_msg: '验签出错',
      });
    }
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, unknown>;
    } catch {
      return send({
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-parameter',
        sub_msg: 'biz_content无效',
      });
    }
    const outTradeNo = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : '';
    const order = this.#settle(this.#orders.get(`alipay:${outTradeNo}`));
    const orderNode = (o: Order) => ({
      code: '10000',
      msg: 'Success',
      trade_no: o.tradeNo,
      out_trade_no: o.outTradeNo,
      buyer_logon_id: '159****5620',
      total_amount: yuan(o.minor),
    });
    switch (method) {
      case 'alipay.trade.pay': {
        const amount =
          typeof biz.total_amount === 'string' ? parseDecimalAmount(biz.total_amount, 'CNY') : undefined;
        if (!outTradeNo || !amount?.ok || amount.value <= 0 || typeof biz.subject !== 'string')
          return bizFail('ACQ.INVALID_PARAMETER', '参数无效');
        const code = typeof biz.auth_code === 'string' ? biz.auth_code : '';
        const scene = biz.scene;
        if (
          (scene !== 'bar_code' && scene !== 'security_code') ||
          !(scene === 'bar_code' ? ALIPAY_CODE : FACE_CODE).test(code)
        )
          return bizFail('ACQ.PAYMENT_AUTH_CODE_INVALID', '支付授权码无效');
        if (order) {
          if (order.minor !== amount.value) return bizFail('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
          if (order.status === 'paid') return bizFail('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
          if (order.status === 'paying')
            return send({ ...orderNode(order), code: '10003', msg: 'Order success pay inprocess' });
          if (order.status === 'closed' || order.status === 'reversed')
            return bizFail('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
        }
        return this.#pay('alipay', outTradeNo, amount.value, req, {
          forged: () =>
            send(
              {
                code: '10000',
                msg: 'Success',
                trade_no: '2026000000000000',
                out_trade_no: outTradeNo,
                total_amount: biz.total_amount,
              },
              true,
            ),
          insufficient: () => bizFail('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足'),
          expired: () => bizFail('ACQ.PAYMENT_AUTH_CODE_INVALID', '支付授权码无效'),
          systemError: () =>
            send({
              code: '20000',
              msg: 'Service Currently Unavailable',
              sub_code: 'isp.unknow-error',
              sub_msg: '系统繁忙',
            }),
          paying: () => {
            const o = this.#orders.get(`alipay:${outTradeNo}`) as Order;
            send({ ...orderNode(o), code: '10003', msg: 'Order success pay inprocess' });
          },
          paid: (o, shown) =>
            send({
              ...orderNode(o),
              total_amount: yuan(shown),
              receipt_amount: yuan(shown),
              gmt_payment: beijing(o.paidAt as number),
            }),
        });
      }
      case 'alipay.trade.query': {
        if (!order) return bizFail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        const status = {
          paying: 'WAIT_BUYER_PAY',
          paid: 'TRADE_SUCCESS',
          closed: 'TRADE_CLOSED',
          reversed: 'TRADE_CLOSED',
          failed: 'TRADE_CLOSED',
        }[order.status];
        return send({ ...orderNode(order), trade_status: status });
      }
      case 'alipay.trade.cancel': {
        if (!order) return bizFail('ACQ.TRADE_NOT_EXIST', '交易不存在', { retry_flag: 'N' });
        const action = order.status === 'paid' ? 'refund' : 'close';
        this.#reverse(order);
        return send({
          code: '10000',
          msg: 'Success',
          trade_no: order.tradeNo,
          out_trade_no: order.outTradeNo,
          retry_flag: 'N',
          action,
        });
      }
      case 'alipay.trade.refund': {
        if (order?.status !== 'paid') return bizFail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        const amount =
          typeof biz.refund_amount === 'string' ? parseDecimalAmount(biz.refund_amount, 'CNY') : undefined;
        const requestNo =
          typeof biz.out_request_no === 'string' && biz.out_request_no
            ? biz.out_request_no
            : order.outTradeNo;
        if (!amount?.ok || amount.value <= 0) return bizFail('ACQ.INVALID_PARAMETER', '参数无效');
        const before = order.refunds.get(requestNo);
        if (before === undefined) {
          const refunded = [...order.refunds.values()].reduce((a, b) => a + b, 0);
          if (amount.value > order.minor - refunded)
            return bizFail('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
          order.refunds.set(requestNo, amount.value);
          const c = this.#chargeOf(order);
          if (c) c.refundedMinor += amount.value;
        }
        if (this.#take('refund-reply-lost')) {
          req.socket.destroy();
          return;
        }
        const total = [...order.refunds.values()].reduce((a, b) => a + b, 0);
        return send({
          code: '10000',
          msg: 'Success',
          trade_no: order.tradeNo,
          out_trade_no: order.outTradeNo,
          refund_fee: yuan(total),
          fund_change: before === undefined ? 'Y' : 'N',
        });
      }
      case 'alipay.data.dataservice.bill.downloadurl.query': {
        const date = typeof biz.bill_date === 'string' ? biz.bill_date : '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return bizFail('isv.invalid-parameter', 'bill_date格式错误');
        if (this.#billOrders('alipay', date).length === 0) return bizFail('isp.bill_not_exist', '账单不存在');
        const { url } = this.endpoint();
        return send({ code: '10000', msg: 'Success', bill_download_url: `${url}/alipay-bill/${date}.csv` });
      }
      default:
        return send({
          code: '40004',
          msg: 'Business Failed',
          sub_code: 'isv.invalid-method',
          sub_msg: `不存在的方法名 ${method}`,
        });
    }
  }
}

function yuan(minor: number): string {
  const text = formatDecimalAmount(minor, 'CNY');
  return text.ok ? text.value : String(minor);
}

/** "yyyy-MM-dd HH:mm:ss" in Beijing time, as both providers print times. */
export function beijing(ms: number): string {
  const t = new Date(ms + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}
