import { createHash, createHmac, createSign, createVerify } from 'node:crypto';

// The providers' signature rules, written for the gateway from their documents (not from the edge agent):
// WeChat Pay v2 "安全规范 / 签名算法" (pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=4_3) and Alipay
// "签名" / "验签" (opendocs.alipay.com/common/02kf5q, 02mse7).

type Params = Readonly<Record<string, string | undefined>>;

/** Non-empty parameters but `sign`, ASCII order by name, `k=v&…`. Both providers start from this string. */
function sortedContent(params: Params): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** WeChat: MD5 or HMAC-SHA256 (keyed with the API key) of `content&key=KEY`, upper-case hex. */
export function wechatSignOf(params: Params, apiKey: string, signType: string): string {
  const text = `${sortedContent(params)}&key=${apiKey}`;
  const h = signType === 'HMAC-SHA256' ? createHmac('sha256', apiKey) : createHash('md5');
  return h.update(text, 'utf8').digest('hex').toUpperCase();
}

/** Alipay request check: RSA2 (SHA256withRSA) over the sorted content, `sign_type` included. */
export function alipayRequestVerifies(params: Params, appPublicKeyPem: string): boolean {
  const sign = params.sign;
  if (!sign) return false;
  try {
    return createVerify('RSA-SHA256')
      .update(sortedContent(params), 'utf8')
      .verify(appPublicKeyPem, sign, 'base64');
  } catch {
    return false;
  }
}

/** Alipay answers are signed over the raw JSON text of the `<method>_response` node. */
export function alipayAnswerSign(nodeJson: string, alipayPrivateKeyPem: string): string {
  return createSign('RSA-SHA256').update(nodeJson, 'utf8').sign(alipayPrivateKeyPem, 'base64');
}
