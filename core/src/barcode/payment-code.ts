import type { PaymentProvider } from './barcode-result.js';

/**
 * Wallet payment codes a customer shows on a phone (Code 128 and QR of the same digits):
 * - WeChat Pay: 18 digits starting 10-15 (WeChat Pay micropay API, `auth_code`, "付款码规则：18位纯数字，以10、
 *   11、12、13、14、15开头", pay.weixin.qq.com/wiki/doc/api/micropay.php).
 * - Alipay: 16 to 24 digits starting 25-30 (Alipay face-to-face `alipay.trade.pay`, `auth_code`: "25~30开头的
 *   长度为16~24位的数字").
 * They carry no check digit; the wallet gateway is what validates one.
 */
const WECHAT_PAY = /^1[0-5][0-9]{16}$/;
const ALIPAY = /^(?:2[5-9]|30)[0-9]{14,22}$/;

/**
 * Symbology identifiers a phone's payment code can arrive with (ISO/IEC 15424): none, Code 128 without FNC1
 * (`]C0`), QR Code (`]Q0` model 1, `]Q1` model 2, `]Q2` with ECI). EAN/UPC and every GS1 carrier say the
 * data is something else.
 */
const PAYMENT_SYMBOLOGIES: ReadonlySet<string | undefined> = new Set([undefined, ']C0', ']Q0', ']Q1', ']Q2']);

export function readPaymentCode(
  data: string,
  symbology: string | undefined,
): { readonly provider: PaymentProvider; readonly authCode: string } | undefined {
  if (!PAYMENT_SYMBOLOGIES.has(symbology)) return undefined;
  if (WECHAT_PAY.test(data)) return { provider: 'wechat-pay', authCode: data };
  if (ALIPAY.test(data)) return { provider: 'alipay', authCode: data };
  return undefined;
}
