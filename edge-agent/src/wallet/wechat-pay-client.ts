import { randomBytes } from 'node:crypto';
import type { CancelState, OrderState, RefundState, WalletGateway } from './wallet-gateway.js';
import { postToGateway } from './wallet-http.js';
import type { WalletChargeRequest, WalletFailure, WalletRefundRequest } from './wallet-payment.js';
import { type WechatSignType, wechatSign, wechatSignatureValid } from './wechat-sign.js';
import { fromWechatXml, toWechatXml } from './wechat-xml.js';

// WeChat Pay merchant API v2 (pay.weixin.qq.com/wiki/doc/api/micropay.php): 付款码支付 micropay (chapter=9_10),
// 查询订单 orderquery (9_2), 撤销订单 reverse (9_11), 申请退款 refund (9_4), 下载对账单 downloadbill (9_6);
// 刷脸支付 facepay (pay.weixin.qq.com/wiki/doc/wxfacepay/). Amounts are integer fen (`total_fee`), CNY.

export interface WechatPayOptions {
  /** `https://api.mch.weixin.qq.com` in production; the simulated gateway's URL in tests. */
  readonly baseUrl: string;
  readonly appId: string;
  readonly mchId: string;
  /** The merchant API key (商户平台 → API安全 → API密钥): 32 characters. */
  readonly apiKey: string;
  readonly signType?: WechatSignType;
  /** `spbill_create_ip`: the store's own address as WeChat sees it. */
  readonly clientIp?: string;
  readonly timeoutMs?: number;
}

type Params = Record<string, string | undefined>;

/** err_code values of micropay and what they mean for the sale (micropay, 错误码). */
const FAILURES: Readonly<Record<string, WalletFailure>> = {
  AUTHCODEEXPIRE: 'code-expired',
  AUTH_CODE_INVALID: 'invalid-code',
  AUTH_CODE_ERROR: 'invalid-code',
  NOTENOUGH: 'insufficient-balance',
  NOTSUPORTCARD: 'declined',
  BUYER_MISMATCH: 'declined',
  OUT_TRADE_NO_USED: 'duplicate-tender',
  ORDERCLOSED: 'declined',
  ORDERREVERSED: 'declined',
  TRADE_ERROR: 'declined',
  PARAM_ERROR: 'invalid-request',
  SIGNERROR: 'rejected',
  LACK_PARAMS: 'invalid-request',
  XML_FORMAT_ERROR: 'invalid-request',
  REQUIRE_POST_METHOD: 'invalid-request',
  POST_DATA_EMPTY: 'invalid-request',
  NOAUTH: 'rejected',
  APPID_NOT_EXIST: 'rejected',
  MCHID_NOT_EXIST: 'rejected',
  APPID_MCHID_NOT_MATCH: 'rejected',
};

/** err_code values that leave the result unknown: query the order (micropay: "需要调用查询接口"). */
const UNKNOWN = new Set(['SYSTEMERROR', 'BANKERROR', 'USERPAYING']);

export class WechatPayClient implements WalletGateway {
  readonly provider = 'wechat-pay' as const;
  readonly #o: Required<WechatPayOptions>;

  constructor(options: WechatPayOptions) {
    for (const key of ['baseUrl', 'appId', 'mchId', 'apiKey'] as const) {
      if (typeof options[key] !== 'string' || options[key].length === 0)
        throw new TypeError(`WeChat Pay option "${key}" must be a non-empty string`);
    }
    this.#o = {
      signType: 'MD5',
      clientIp: '127.0.0.1',
      timeoutMs: 10_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/$/, ''),
    };
  }

  /** Signs and posts one call; the answer's own signature is checked before anything in it is believed. */
  async #call(
    path: string,
    params: Params,
  ): Promise<
    | { kind: 'answer'; params: Record<string, string> }
    | { kind: 'failed'; reason: 'unreachable' | 'no-answer' | 'bad-signature' | 'rejected'; detail: string }
  > {
    const signed: Params = {
      appid: this.#o.appId,
      mch_id: this.#o.mchId,
      nonce_str: randomBytes(16).toString('hex'),
      ...(this.#o.signType === 'MD5' ? {} : { sign_type: this.#o.signType }),
      ...params,
    };
    signed.sign = wechatSign(signed, this.#o.apiKey, this.#o.signType);
    const answer = await postToGateway(
      `${this.#o.baseUrl}${path}`,
      toWechatXml(signed),
      'text/xml; charset=utf-8',
      this.#o.timeoutMs,
    );
    if (!answer.ok) return { kind: 'failed', reason: answer.reason, detail: answer.detail };
    const body = fromWechatXml(answer.text);
    if (!body)
      return {
        kind: 'failed',
        reason: 'rejected',
        detail: `HTTP ${answer.status}: not a WeChat Pay XML answer`,
      };
    // return_code FAIL is a communication-level refusal (签名错误, 参数格式校验错误…): unsigned, nothing done.
    if (body.return_code !== 'SUCCESS')
      return { kind: 'failed', reason: 'rejected', detail: body.return_msg ?? 'return_code FAIL' };
    if (!wechatSignatureValid(body, this.#o.apiKey, this.#o.signType))
      return { kind: 'failed', reason: 'bad-signature', detail: `${path}: the answer's sign does not match` };
    if (body.appid !== this.#o.appId || body.mch_id !== this.#o.mchId)
      return {
        kind: 'failed',
        reason: 'bad-signature',
        detail: `${path}: the answer is for another merchant`,
      };
    return { kind: 'answer', params: body };
  }

  #order(p: Record<string, string>, tenderId: string): OrderState {
    const fee = Number(p.total_fee);
    if (p.out_trade_no !== tenderId || !Number.isSafeInteger(fee))
      return {
        state: 'failed',
        reason: 'amount-mismatch',
        code: 'ANSWER_MISMATCH',
        detail: `answer names ${p.out_trade_no} ${p.total_fee}`,
      };
    return {
      state: 'paid',
      tenderId,
      providerTradeNo: p.transaction_id ?? '',
      amount: { minor: fee, currency: p.fee_type ?? 'CNY' },
    };
  }

  async pay(request: WalletChargeRequest): Promise<OrderState> {
    const face = request.source === 'face';
    const answer = await this.#call(face ? '/pay/facepay' : '/pay/micropay', {
      body: request.subject,
      out_trade_no: request.tenderId,
      total_fee: String(request.amount.minor),
      fee_type: request.amount.currency,
      spbill_create_ip: this.#o.clientIp,
      ...(face ? { face_code: request.code } : { auth_code: request.code }),
    });
    if (answer.kind === 'failed') return this.#lost(answer);
    const p = answer.params;
    if (p.result_code === 'SUCCESS') return this.#order(p, request.tenderId);
    const code = p.err_code ?? 'UNKNOWN';
    if (code === 'USERPAYING') return { state: 'paying' };
    if (UNKNOWN.has(code) || code === 'ORDERPAID') return { state: 'unknown', code };
    return {
      state: 'failed',
      reason: FAILURES[code] ?? 'declined',
      code,
      ...(p.err_code_des ? { detail: p.err_code_des } : {}),
    };
  }

  #lost(a: {
    reason: 'unreachable' | 'no-answer' | 'bad-signature' | 'rejected';
    detail: string;
  }): OrderState {
    if (a.reason === 'no-answer') return { state: 'unknown', code: 'NO_ANSWER' };
    if (a.reason === 'unreachable')
      return { state: 'failed', reason: 'wan-down', code: 'UNREACHABLE', detail: a.detail };
    return {
      state: 'failed',
      reason: a.reason,
      code: a.reason === 'rejected' ? 'RETURN_FAIL' : 'BAD_SIGN',
      detail: a.detail,
    };
  }

  /** orderquery: trade_state SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR (查询订单). */
  async query(tenderId: string): Promise<OrderState> {
    const answer = await this.#call('/pay/orderquery', { out_trade_no: tenderId });
    if (answer.kind === 'failed')
      return answer.reason === 'unreachable' ? { state: 'unknown', code: 'UNREACHABLE' } : this.#lost(answer);
    const p = answer.params;
    if (p.result_code !== 'SUCCESS') {
      if (p.err_code === 'ORDERNOTEXIST') return { state: 'not-found' };
      return { state: 'unknown', code: p.err_code ?? 'UNKNOWN' };
    }
    switch (p.trade_state) {
      case 'SUCCESS':
      case 'REFUND':
        return this.#order(p, tenderId);
      case 'USERPAYING':
      case 'NOTPAY':
        return { state: 'paying' };
      case 'CLOSED':
      case 'REVOKED':
      case 'PAYERROR':
        return {
          state: 'failed',
          reason: 'declined',
          code: p.trade_state,
          ...(p.trade_state_desc ? { detail: p.trade_state_desc } : {}),
        };
      default:
        return { state: 'unknown', code: p.trade_state ?? 'UNKNOWN' };
    }
  }

  /** reverse: `recall=Y` asks to call again ("撤销订单": 如返回 recall=Y, 需要重新调用). */
  async cancel(tenderId: string): Promise<CancelState> {
    const answer = await this.#call('/secapi/pay/reverse', { out_trade_no: tenderId });
    if (answer.kind === 'failed')
      return answer.reason === 'bad-signature' || answer.reason === 'rejected'
        ? { state: 'failed', code: answer.reason }
        : { state: 'retry' };
    const p = answer.params;
    // Nothing to undo when WeChat never took the order.
    if (p.result_code === 'SUCCESS' || p.err_code === 'ORDERNOTEXIST') return { state: 'cancelled' };
    if (p.recall === 'Y' || p.err_code === 'SYSTEMERROR') return { state: 'retry' };
    return { state: 'failed', code: p.err_code ?? 'UNKNOWN' };
  }

  /** refund with out_refund_no: the same refund number is one refund however often it is sent (申请退款). */
  async refund(request: WalletRefundRequest): Promise<RefundState> {
    const answer = await this.#call('/secapi/pay/refund', {
      out_trade_no: request.tenderId,
      out_refund_no: request.refundId,
      total_fee: String(request.paid.minor),
      refund_fee: String(request.amount.minor),
      refund_fee_type: request.amount.currency,
    });
    if (answer.kind === 'failed') {
      if (answer.reason === 'unreachable')
        return { state: 'failed', reason: 'wan-down', code: 'UNREACHABLE', detail: answer.detail };
      if (answer.reason === 'no-answer')
        return { state: 'failed', reason: 'unknown', code: 'NO_ANSWER', detail: answer.detail };
      return { state: 'failed', reason: answer.reason, code: answer.reason, detail: answer.detail };
    }
    const p = answer.params;
    if (p.result_code === 'SUCCESS') {
      if (p.out_refund_no !== request.refundId || Number(p.refund_fee) !== request.amount.minor)
        return {
          state: 'failed',
          reason: 'bad-signature',
          code: 'ANSWER_MISMATCH',
          detail: `refund answer names ${p.out_refund_no} ${p.refund_fee}`,
        };
      return { state: 'refunded' };
    }
    const code = p.err_code ?? 'UNKNOWN';
    if (code === 'SYSTEMERROR' || code === 'BIZERR_NEED_RETRY')
      return { state: 'failed', reason: 'unknown', code };
    if (code === 'INVALID_REQUEST' || code === 'REFUND_FEE_INVALID' || code === 'NOTENOUGH')
      return {
        state: 'failed',
        reason: 'refund-exceeds-payment',
        code,
        ...(p.err_code_des ? { detail: p.err_code_des } : {}),
      };
    return {
      state: 'failed',
      reason: 'rejected',
      code,
      ...(p.err_code_des ? { detail: p.err_code_des } : {}),
    };
  }

  /**
   * downloadbill: the day's statement as text (`bill_date` YYYYMMDD, `bill_type` ALL). A day without
   * trades answers XML `return_code FAIL`, `No Bill Exist`.
   */
  async downloadBill(
    billDate: string,
  ): Promise<
    { ok: true; text: string } | { ok: false; reason: 'no-bill' | 'rejected' | 'wan-down'; detail: string }
  > {
    const signed: Params = {
      appid: this.#o.appId,
      mch_id: this.#o.mchId,
      nonce_str: randomBytes(16).toString('hex'),
      bill_date: billDate,
      bill_type: 'ALL',
      ...(this.#o.signType === 'MD5' ? {} : { sign_type: this.#o.signType }),
    };
    signed.sign = wechatSign(signed, this.#o.apiKey, this.#o.signType);
    const answer = await postToGateway(
      `${this.#o.baseUrl}/pay/downloadbill`,
      toWechatXml(signed),
      'text/xml; charset=utf-8',
      this.#o.timeoutMs,
    );
    if (!answer.ok) return { ok: false, reason: 'wan-down', detail: answer.detail };
    if (answer.text.startsWith('<xml>')) {
      const p = fromWechatXml(answer.text);
      const msg = p?.return_msg ?? 'unreadable';
      return { ok: false, reason: /no bill exist/i.test(msg) ? 'no-bill' : 'rejected', detail: msg };
    }
    return { ok: true, text: answer.text };
  }
}
