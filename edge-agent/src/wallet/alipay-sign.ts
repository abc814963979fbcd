import { createSign, createVerify } from 'node:crypto';

/**
 * The content Alipay's open API signs for a request ("签名 / 自行实现签名", opendocs.alipay.com/common/02kf5q):
 * every parameter except `sign` (and byte parameters), empty values left out, sorted by name in ASCII order,
 * `k=v` joined by `&`, values not URL-encoded.
 */
export function alipaySignContent(params: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** RSA2 = SHA256withRSA over the UTF-8 content, base64 (`sign_type=RSA2`). */
export function alipayRsa2Sign(content: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');
}

export function alipayRsa2Verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/**
 * The exact text of one member of a JSON object body (`"alipay_trade_pay_response":{…}`), as sent. Alipay
 * signs its answer over these bytes, not over a re-serialisation ("同步响应验签": the response node's raw
 * string), so they are cut out of the body by scanning, never rebuilt.
 */
export function rawJsonMember(body: string, member: string): string | undefined {
  const marker = `"${member}"`;
  let at = body.indexOf(marker);
  while (at !== -1) {
    let i = at + marker.length;
    while (/\s/.test(body[i] ?? '')) i++;
    if (body[i] === ':') {
      i++;
      while (/\s/.test(body[i] ?? '')) i++;
      const start = i;
      if (body[i] !== '{') return undefined;
      let depth = 0;
      let inString = false;
      for (; i < body.length; i++) {
        const c = body[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{') depth++;
        else if (c === '}') {
          depth--;
          if (depth === 0) return body.slice(start, i + 1);
        }
      }
      return undefined;
    }
    at = body.indexOf(marker, at + 1);
  }
  return undefined;
}
