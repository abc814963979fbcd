import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alipayRsa2Sign, alipayRsa2Verify, alipaySignContent, rawJsonMember } from './alipay-sign.js';

// Alipay publishes the rule but no key pair with an expected RSA2 sign for it, so the key here is generated
// with node's crypto for this test; what is held to the document is the content that gets signed.
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('Alipay RSA2 signing', () => {
  it('signs the documented content: sorted, sign left out, sign_type kept, empty values dropped', () => {
    const content = alipaySignContent({
      method: 'alipay.trade.pay',
      app_id: '2014072300007148',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2014-07-24 03:07:50',
      version: '1.0',
      notify_url: '',
      biz_content: '{"out_trade_no":"T1","total_amount":"88.88"}',
      sign: 'ignored',
    });
    expect(content).toBe(
      'app_id=2014072300007148&biz_content={"out_trade_no":"T1","total_amount":"88.88"}&charset=utf-8&method=alipay.trade.pay&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0',
    );
    const sign = alipayRsa2Sign(content, privatePem);
    expect(alipayRsa2Verify(content, sign, publicPem)).toBe(true);
    expect(alipayRsa2Verify(`${content}x`, sign, publicPem)).toBe(false);
    expect(alipayRsa2Verify(content, 'not base64 at all', publicPem)).toBe(false);
  });

  it('cuts the raw response node out of the body byte for byte, strings with braces included', () => {
    const node = '{"code":"10000","msg":"Success","subject":"a } \\" {","total_amount":"88.88"}';
    const body = `{"alipay_trade_pay_response":${node},"sign":"abc"}`;
    expect(rawJsonMember(body, 'alipay_trade_pay_response')).toBe(node);
    expect(rawJsonMember(body, 'alipay_trade_query_response')).toBeUndefined();
  });
});
