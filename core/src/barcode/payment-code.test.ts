import { describe, expect, it } from 'vitest';
import { parseBarcode } from './parse-barcode.js';

describe('wallet payment codes', () => {
  // Shapes from the WeChat Pay micropay and Alipay trade.pay `auth_code` rules (see payment-code.ts);
  // the digits are made up, as any real code is single-use.
  it('reads 18 digits starting 10-15 as WeChat Pay, never as a GS1 batch or date', () => {
    for (const prefix of ['10', '11', '12', '13', '14', '15']) {
      const code = `${prefix}4567890123456789`;
      expect(parseBarcode(code), code).toEqual({
        ok: true,
        kind: 'payment-code',
        provider: 'wechat-pay',
        authCode: code,
        data: code,
      });
    }
    // On main these read as GS1 element strings: (10) batch, (11) production date 290832 refused, …
    expect(parseBarcode('134567890123456789\r\n')).toMatchObject({
      kind: 'payment-code',
      provider: 'wechat-pay',
    });
    expect(parseBarcode(']C0104567890123456789')).toMatchObject({ kind: 'payment-code', symbology: ']C0' });
    expect(parseBarcode(']Q1154567890123456789')).toMatchObject({ kind: 'payment-code', symbology: ']Q1' });
  });

  it('reads 16-24 digits starting 25-30 as Alipay', () => {
    for (const code of [
      '2512345678901234',
      '28' + '1'.repeat(16),
      '30' + '9'.repeat(22),
      '286123456789012345',
    ]) {
      expect(parseBarcode(code), code).toMatchObject({
        kind: 'payment-code',
        provider: 'alipay',
        authCode: code,
      });
    }
    expect(parseBarcode('30' + '9'.repeat(23))).not.toMatchObject({ kind: 'payment-code' }); // 25 digits
    expect(parseBarcode('251234567890123')).not.toMatchObject({ kind: 'payment-code' }); // 15 digits
  });

  it('is never a member card, even where a store’s member prefix matches', () => {
    const parse = { internalCodeRules: [{ type: 'member-card' as const, prefix: '1' }] };
    expect(parseBarcode('134567890123456789', parse)).toMatchObject({ kind: 'payment-code' });
    expect(parseBarcode('1345', parse)).toMatchObject({ kind: 'internal', type: 'member-card' });
  });

  it('leaves other lengths and prefixes, and GS1 or EAN symbologies, to what they were', () => {
    expect(parseBarcode('164567890123456789')).not.toMatchObject({ kind: 'payment-code' }); // prefix 16
    expect(parseBarcode('10456789012345678')).not.toMatchObject({ kind: 'payment-code' }); // 17 digits
    // GS1-128 with its identifier: AI (10) batch, whatever it looks like.
    expect(parseBarcode(']C1104567890123456789')).toMatchObject({ kind: 'gs1', batch: '4567890123456789' });
    // An SSCC is AI 00 + 18 digits: 20 digits, prefix 00.
    expect(parseBarcode('00106141411234567897')).toMatchObject({ kind: 'gs1', sscc: '106141411234567897' });
    // EAN-13 + 5-digit add-on is 18 digits, but ]E3 says what it is.
    expect(parseBarcode(']E3978030640615751299')).toMatchObject({ kind: 'gtin', addOn: '51299' });
    expect(parseBarcode('19506000134359')).toMatchObject({ kind: 'gtin', format: 'gtin-14' });
  });

  it('can be turned off for a store that takes no wallets', () => {
    expect(parseBarcode('104567890123456789', { paymentCodes: false })).toMatchObject({
      kind: 'gs1',
      batch: '4567890123456789',
    });
  });
});
