import { describe, expect, it } from 'vitest';
import { wechatSignOf } from './provider-signatures.js';
import { readWechatXml, writeWechatXml } from './wechat-xml-body.js';

// The gateway's own signature code is held to WeChat's worked example ("安全规范 / 签名算法",
// pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=4_3), apart from the edge agent's.
const DOC = {
  appid: 'wxd930ea5d5a258f4f',
  mch_id: '10000100',
  device_info: '1000',
  body: 'test',
  nonce_str: 'ibuaiVcKdpRxkhJA',
};
const KEY = '192006250b4c09247ec02edce69f6a2d';

describe('the simulated gateway signs as WeChat documents', () => {
  it('MD5 and HMAC-SHA256 of the documented example', () => {
    expect(wechatSignOf(DOC, KEY, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(wechatSignOf(DOC, KEY, 'HMAC-SHA256')).toBe(
      '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
    );
  });

  it('reads back what it writes', () => {
    expect(readWechatXml(writeWechatXml({ ...DOC, sign: 'X' }))).toEqual({ ...DOC, sign: 'X' });
  });
});
