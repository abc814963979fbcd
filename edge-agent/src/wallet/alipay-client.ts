import { formatDecimalAmount, parseDecimalAmount } from '@storefloor/core';
import { alipayRsa2Sign, alipayRsa2Verify, alipaySignContent, rawJsonMember } from './alipay-sign.js';
import type { CancelState, OrderState, RefundState, WalletGateway } from './wallet-gateway.js';
import { getFromGateway, postToGateway } from './wallet-http.js';
import type { WalletChargeRequest, WalletFailure, WalletRefundRequest } from './wallet-payment.js';

// Alipay open API (opendocs.alipay.com): alipay.trade.pay (当面付 条码支付, scene=bar_code; 刷脸 scene=security_code),
// alipay.trade.query, alipay.trade.cancel, alipay.trade.refund (out_request_no), and
// alipay.data.dataservice.bill.downloadurl.query. Common parameters and RSA2 signing: "公共请求参数", "签名".
// Amounts are yuan decimal strings (`total_amount` "88.88"), made and read by core's decimal functions.

export interface AlipayOptions {
  /** `https://openapi.alipay.com/gateway.do` in production; the simulated gateway's URL in tests. */
  readonly gatewayUrl: string;
  readonly appId: string;
  /** The app's RSA private key (PKCS#8 or PKCS#1 PEM) that signs requests. */
  readonly appPrivateKeyPem: string;
  /** Alipay's public key (支付宝公钥) that verifies every answer. */
  readonly alipayPublicKeyPem: string;
  readonly timeoutMs?: number;
  /** `timestamp` is "yyyy-MM-dd HH:mm:ss" in Beijing time; injected for tests. */
  readonly now?: () => Date;
}

/** sub_code values of trade.pay and what they mean for the sale (alipay.trade.pay, 业务错误码). */
const FAILURES: Readonly<Record<string, WalletFailure>> = {
  'ACQ.PAYMENT_AUTH_CODE_INVALID': 'code-expired',
  'ACQ.BUYER_BALANCE_NOT_ENOUGH': 'insufficient-balance',
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH': 'insufficient-balance',
  'ACQ.CONTEXT_INCONSISTENT': 'duplicate-tender',
  'ACQ.TRADE_HAS_CLOSE': 'declined',
  'ACQ.BUYER_SELLER_EQUAL': 'declined',
  'ACQ.TRADE_BUYER_NOT_MATCH': 'declined',
  'ACQ.BUYER_ENABLE_STATUS_FORBID': 'declined',
  'ACQ.PAYMENT_FAIL': 'declined',
  'ACQ.ERROR_BALANCE_PAYMENT_DISABLE': 'declined',
  'ACQ.INVALID_PARAMETER': 'invalid-request',
  'isv.invalid-signature': 'rejected',
  'isv.invalid-app-id': 'rejected',
};

function beijingTimestamp(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

type Node = Record<string, unknown>;
type Called =
  | { kind: 'answer'; node: Node }
  | { kind: 'failed'; reason: 'unreachable' | 'no-answer' | 'bad-signature' | 'rejected'; detail: string };

export class AlipayClient implements WalletGateway {
  readonly provider = 'alipay' as const;
  readonly #o: Required<AlipayOptions>;

  constructor(options: AlipayOptions) {
    for (const key of ['gatewayUrl', 'appId', 'appPrivateKeyPem', 'alipayPublicKeyPem'] as const) {
      if (typeof options[key] !== 'string' || options[key].length === 0)
        throw new TypeError(`Alipay option "${key}" must be a non-empty string`);
    }
    this.#o = { timeoutMs: 10_000, now: () => new Date(), ...options };
  }

  /**
   * Signs and posts one method call. The answer's `<method>_response` node is verified against `sign` over its
   * raw text with Alipay's public key before anything in it is believed; an unsigned answer is taken only
   * when it reports an error, which moves no money.
   */
  async #call(method: string, biz: Record<string, string>): Promise<Called> {
    const params: Record<string, string> = {
      app_id: this.#o.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(this.#o.now()),
      version: '1.0',
      biz_content: JSON.stringify(biz),
    };
    params.sign = alipayRsa2Sign(alipaySignContent(params), this.#o.appPrivateKeyPem);
    const answer = await postToGateway(
      this.#o.gatewayUrl,
      new URLSearchParams(params).toString(),
      'application/x-www-form-urlencoded;charset=utf-8',
      this.#o.timeoutMs,
    );
    if (!answer.ok) return { kind: 'failed', reason: answer.reason, detail: answer.detail };
    const member = `${method.replaceAll('.', '_')}_response`;
    const raw = rawJsonMember(answer.text, member);
    let body: Node;
    try {
      body = JSON.parse(answer.text) as Node;
    } catch {
      return { kind: 'failed', reason: 'rejected', detail: `HTTP ${answer.status}: not JSON` };
    }
    const node = (body[member] ?? body.error_response) as Node | undefined;
    if (raw === undefined || typeof node !== 'object' || node === null) {
      const error = body.error_response as Node | undefined;
      if (error && typeof error === 'object') return { kind: 'answer', node: error };
      return { kind: 'failed', reason: 'rejected', detail: `no ${member} in the answer` };
    }
    const sign = body.sign;
    if (typeof sign !== 'string') {
      if (node.code === '10000')
        return { kind: 'failed', reason: 'bad-signature', detail: `${method}: a success without sign` };
      return { kind: 'answer', node };
    }
    if (!alipayRsa2Verify(raw, sign, this.#o.alipayPublicKeyPem))
      return {
        kind: 'failed',
        reason: 'bad-signature',
        detail: `${method}: the answer's sign does not verify`,
      };
    return { kind: 'answer', node };
  }

  #lost(a: Extract<Called, { kind: 'failed' }>): OrderState {
    if (a.reason === 'no-answer') return { state: 'unknown', code: 'NO_ANSWER' };
    if (a.reason === 'unreachable')
      return { state: 'failed', reason: 'wan-down', code: 'UNREACHABLE', detail: a.detail };
    return {
      state: 'failed',
      reason: a.reason,
      code: a.reason === 'rejected' ? 'REJECTED' : 'BAD_SIGN',
      detail: a.detail,
    };
  }

  #paid(node: Node, tenderId: string): OrderState {
    const amount =
      typeof node.total_amount === 'string' ? parseDecimalAmount(node.total_amount, 'CNY') : undefined;
    if (node.out_trade_no !== tenderId || !amount?.ok)
      return {
        state: 'failed',
        reason: 'amount-mismatch',
        code: 'ANSWER_MISMATCH',
        detail: `answer names ${String(node.out_trade_no)} ${String(node.total_amount)}`,
      };
    return {
      state: 'paid',
      tenderId,
      providerTradeNo: String(node.trade_no ?? ''),
      amount: { minor: amount.value, currency: 'CNY' },
    };
  }

  async pay(request: WalletChargeRequest): Promise<OrderState> {
    const total = formatDecimalAmount(request.amount.minor, request.amount.currency);
    if (!total.ok)
      return {
        state: 'failed',
        reason: 'invalid-request',
        code: 'CURRENCY',
        detail: total.detail ?? total.reason,
      };
    const answer = await this.#call('alipay.trade.pay', {
      out_trade_no: request.tenderId,
      scene: request.source === 'face' ? 'security_code' : 'bar_code',
      auth_code: request.code,
      subject: request.subject,
      total_amount: total.value,
    });
    if (answer.kind === 'failed') return this.#lost(answer);
    const n = answer.node;
    const sub = typeof n.sub_code === 'string' ? n.sub_code : undefined;
    switch (n.code) {
      case '10000':
        return this.#paid(n, request.tenderId);
      case '10003':
        return { state: 'paying' };
      case '20000':
        return { state: 'unknown', code: sub ?? '20000' };
      default: {
        if (sub === 'ACQ.SYSTEM_ERROR' || sub === 'ACQ.TRADE_HAS_SUCCESS')
          return { state: 'unknown', code: sub };
        const code = sub ?? String(n.code ?? 'UNKNOWN');
        return {
          state: 'failed',
          reason: FAILURES[code] ?? 'declined',
          code,
          ...(typeof n.sub_msg === 'string' ? { detail: n.sub_msg } : {}),
        };
      }
    }
  }

  /** trade.query: trade_status WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_FINISHED. */
  async query(tenderId: string): Promise<OrderState> {
    const answer = await this.#call('alipay.trade.query', { out_trade_no: tenderId });
    if (answer.kind === 'failed')
      return answer.reason === 'unreachable' ? { state: 'unknown', code: 'UNREACHABLE' } : this.#lost(answer);
    const n = answer.node;
    if (n.code !== '10000') {
      if (n.sub_code === 'ACQ.TRADE_NOT_EXIST') return { state: 'not-found' };
      return { state: 'unknown', code: String(n.sub_code ?? n.code ?? 'UNKNOWN') };
    }
    switch (n.trade_status) {
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED':
        return this.#paid(n, tenderId);
      case 'WAIT_BUYER_PAY':
        return { state: 'paying' };
      case 'TRADE_CLOSED':
        return { state: 'failed', reason: 'declined', code: 'TRADE_CLOSED' };
      default:
        return { state: 'unknown', code: String(n.trade_status ?? 'UNKNOWN') };
    }
  }

  /** trade.cancel: `retry_flag=Y` asks to call again; `action` close or refund both leave nothing charged. */
  async cancel(tenderId: string): Promise<CancelState> {
    const answer = await this.#call('alipay.trade.cancel', { out_trade_no: tenderId });
    if (answer.kind === 'failed')
      return answer.reason === 'bad-signature' || answer.reason === 'rejected'
        ? { state: 'failed', code: answer.reason }
        : { state: 'retry' };
    const n = answer.node;
    // Nothing to undo when Alipay never took the order.
    if (n.code === '10000' || n.sub_code === 'ACQ.TRADE_NOT_EXIST') return { state: 'cancelled' };
    if (n.retry_flag === 'Y' || n.code === '20000') return { state: 'retry' };
    return { state: 'failed', code: String(n.sub_code ?? n.code ?? 'UNKNOWN') };
  }

  /** trade.refund with out_request_no: the same request number is one refund however often it is sent. */
  async refund(request: WalletRefundRequest): Promise<RefundState> {
    const amount = formatDecimalAmount(request.amount.minor, request.amount.currency);
    if (!amount.ok) return { state: 'failed', reason: 'invalid-request', code: 'CURRENCY' };
    const answer = await this.#call('alipay.trade.refund', {
      out_trade_no: request.tenderId,
      refund_amount: amount.value,
      out_request_no: request.refundId,
    });
    if (answer.kind === 'failed') {
      if (answer.reason === 'unreachable')
        return { state: 'failed', reason: 'wan-down', code: 'UNREACHABLE', detail: answer.detail };
      if (answer.reason === 'no-answer')
        return { state: 'failed', reason: 'unknown', code: 'NO_ANSWER', detail: answer.detail };
      return { state: 'failed', reason: answer.reason, code: answer.reason, detail: answer.detail };
    }
    const n = answer.node;
    if (n.code === '10000') return { state: 'refunded' };
    const code = String(n.sub_code ?? n.code ?? 'UNKNOWN');
    if (code === 'ACQ.SYSTEM_ERROR' || n.code === '20000')
      return { state: 'failed', reason: 'unknown', code };
    if (code === 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL')
      return {
        state: 'failed',
        reason: 'refund-exceeds-payment',
        code,
        ...(typeof n.sub_msg === 'string' ? { detail: n.sub_msg } : {}),
      };
    return {
      state: 'failed',
      reason: 'rejected',
      code,
      ...(typeof n.sub_msg === 'string' ? { detail: n.sub_msg } : {}),
    };
  }

  /** The day's trade statement: bill.downloadurl.query gives a URL, which is then fetched (bill_type trade). */
  async downloadBill(
    billDate: string,
  ): Promise<
    { ok: true; text: string } | { ok: false; reason: 'no-bill' | 'rejected' | 'wan-down'; detail: string }
  > {
    const answer = await this.#call('alipay.data.dataservice.bill.downloadurl.query', {
      bill_type: 'trade',
      bill_date: billDate,
    });
    if (answer.kind === 'failed')
      return {
        ok: false,
        reason: answer.reason === 'unreachable' || answer.reason === 'no-answer' ? 'wan-down' : 'rejected',
        detail: answer.detail,
      };
    const n = answer.node;
    if (n.code !== '10000' || typeof n.bill_download_url !== 'string')
      return {
        ok: false,
        reason: n.sub_code === 'isp.bill_not_exist' ? 'no-bill' : 'rejected',
        detail: String(n.sub_msg ?? n.msg ?? n.code),
      };
    const file = await getFromGateway(n.bill_download_url, this.#o.timeoutMs);
    if (!file.ok) return { ok: false, reason: 'wan-down', detail: file.detail };
    if (file.status !== 200)
      return { ok: false, reason: 'rejected', detail: `bill download HTTP ${file.status}` };
    return { ok: true, text: file.text };
  }
}
