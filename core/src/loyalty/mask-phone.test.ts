import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText } from './mask-phone.js';

describe('maskPhone', () => {
  it('shows a mainland mobile number as Chinese receipts print it, 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138 1234 1234')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('+86 138****1234');
    expect(maskPhone('008613812341234')).toBe('+86 138****1234');
    expect(maskPhone('8613812341234')).toBe('+86 138****1234');
  });

  it('never shows more than half the digits of a shorter number, and nothing of a very short one', () => {
    expect(maskPhone('021-64871234')).toBe('021****1234');
    expect(maskPhone('0571-88881234')).toBe('057*****1234');
    expect(maskPhone('64871234')).toBe('****1234');
    expect(maskPhone('123')).toBe('**3');
    expect(maskPhone('7')).toBe('*');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('no digits')).toBe('');
  });

  it('hides the middle of any number: at most 3 + 4 digits shown, never more than half (seeded)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,20}$/), (digits) => {
        const masked = maskPhone(digits);
        const shown = masked.replace(/\D/g, '').length;
        expect(masked.replace(/^\+86 /, '').length).toBe(
          digits.length > 13 || !masked.startsWith('+') ? digits.length : 11,
        );
        expect(shown).toBeLessThanOrEqual(
          digits.length >= 11 ? 7 + (masked.startsWith('+86') ? 2 : 0) : digits.length / 2,
        );
      }),
      { seed: 20261202 },
    );
  });
});

describe('maskPhonesInText', () => {
  it('masks the numbers in a request URL and a message, and leaves GTINs and card numbers alone', () => {
    expect(maskPhonesInText('/api/members/lookup?phone=13812341234')).toBe(
      '/api/members/lookup?phone=138****1234',
    );
    expect(maskPhonesInText('/api/members/lookup?phone=%2B8613812341234')).toBe(
      '/api/members/lookup?phone=+86 138****1234',
    );
    expect(maskPhonesInText('member 王芳 phone 139 0000 1111 joined')).toBe(
      'member 王芳 phone 139****1111 joined',
    );
    expect(maskPhonesInText('gtin 6901234567892 card 8860123400000123')).toBe(
      'gtin 6901234567892 card 8860123400000123',
    );
    expect(maskPhonesInText('already 138****1234')).toBe('already 138****1234');
  });
});
