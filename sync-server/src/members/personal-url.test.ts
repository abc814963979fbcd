import { describe, expect, it } from 'vitest';
import { maskPersonalUrl } from './personal-url.js';

describe('maskPersonalUrl', () => {
  it('keeps the last four digits of a card or phone in the query, and masks a mobile number anywhere', () => {
    expect(maskPersonalUrl('/api/members/lookup?card=8860123400000123')).toBe(
      '/api/members/lookup?card=886*********0123',
    );
    expect(maskPersonalUrl('/api/members/lookup?phone=13812341234&x=1')).toBe(
      '/api/members/lookup?phone=138****1234&x=1',
    );
    expect(maskPersonalUrl('/api/members/lookup?phone=%2B86%20138%201234%201234')).toBe(
      '/api/members/lookup?phone=+86 138****1234',
    );
    expect(maskPersonalUrl('/api/members/lookup?card=CARD-ABC')).toBe('/api/members/lookup?card=********');
    expect(maskPersonalUrl('/sync/members/pull')).toBe('/sync/members/pull');
    expect(maskPersonalUrl('/x/13812341234')).toBe('/x/138****1234');
  });
});
