import { describe, expect, it } from 'vitest';
import { wechatSign, wechatSignatureValid, wechatSignString } from './wechat-sign.js';
import { fromWechatXml, toWechatXml } from './wechat-xml.js';

// The worked example of WeChat Pay's signature document ("安全规范 / 签名算法",
// pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=4_3): its parameters, its key, its expected signs.
const DOC_PARAMS = {
  appid: 'wxd930ea5d5a258f4f',
  mch_id: '10000100',
  device_info: '1000',
  body: 'test',
  nonce_str: 'ibuaiVcKdpRxkhJA',
};
const DOC_KEY = '192006250b4c09247ec02edce69f6a2d';

describe('WeChat Pay v2 signature, held to the documented example', () => {
  it('builds stringSignTemp as the document prints it', () => {
    expect(wechatSignString(DOC_PARAMS, DOC_KEY)).toBe(
      'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d',
    );
  });

  it('MD5 gives 9A0A8659F005D6984697E2CA0A9CF3B7', () => {
    expect(wechatSign(DOC_PARAMS, DOC_KEY, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('HMAC-SHA256 gives 6A9AE165…0DACD6', () => {
    expect(wechatSign(DOC_PARAMS, DOC_KEY, 'HMAC-SHA256')).toBe(
      '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
    );
  });

  it('leaves out empty values and sign itself; a changed value fails the check', () => {
    const signed = { ...DOC_PARAMS, attach: '', sign: '9A0A8659F005D6984697E2CA0A9CF3B7' };
    expect(wechatSignatureValid(signed, DOC_KEY, 'MD5')).toBe(true);
    expect(wechatSignatureValid({ ...signed, body: 'test2' }, DOC_KEY, 'MD5')).toBe(false);
    expect(wechatSignatureValid({ ...DOC_PARAMS }, DOC_KEY, 'MD5')).toBe(false);
  });

  it('reads and writes the flat <xml> body, CDATA and all', () => {
    const xml = toWechatXml({ ...DOC_PARAMS, body: '超市 <a> & ]]> b' });
    expect(fromWechatXml(xml)).toEqual({ ...DOC_PARAMS, body: '超市 <a> & ]]> b' });
    // The micropay document's answer sample shape: values in CDATA, numbers as text.
    expect(
      fromWechatXml('<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>1</total_fee></xml>'),
    ).toEqual({ return_code: 'SUCCESS', total_fee: '1' });
    expect(fromWechatXml('not xml')).toBeUndefined();
  });
});
