import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** WeChat Pay v2 `sign_type`: MD5 (the default when absent) or HMAC-SHA256. */
export type WechatSignType = 'MD5' | 'HMAC-SHA256';

/**
 * The string WeChat Pay v2 signs ("安全规范 / 签名算法", pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=4_3):
 * every non-empty parameter except `sign`, sorted by name in ASCII order, as `k=v` joined by `&`, then
 * `&key=` + the merchant API key.
 */
export function wechatSignString(params: Readonly<Record<string, string | undefined>>, key: string): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`);
  return `${pairs.join('&')}&key=${key}`;
}

/** MD5 or HMAC-SHA256 (keyed with the API key) of the sign string, upper-case hex. */
export function wechatSign(
  params: Readonly<Record<string, string | undefined>>,
  key: string,
  type: WechatSignType,
): string {
  const text = wechatSignString(params, key);
  const digest =
    type === 'MD5' ? createHash('md5').update(text, 'utf8') : createHmac('sha256', key).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/** Whether `params.sign` is the signature of the other parameters (constant-time compare). */
export function wechatSignatureValid(
  params: Readonly<Record<string, string | undefined>>,
  key: string,
  type: WechatSignType,
): boolean {
  const given = params.sign;
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(wechatSign(params, key, type));
  const actual = Buffer.from(given.toUpperCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
