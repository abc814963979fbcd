import { describe, expect, it } from 'vitest';
import { dayDigest } from './day-digest.js';

describe('dayDigest', () => {
  it('is the sha-256 of the sorted `<id> <status>` lines, whatever the order of the documents', () => {
    // sha-256 of "a completed\nb open\nc \n", computed with coreutils: printf 'a completed\nb open\nc \n' | sha256sum
    const digest = dayDigest([{ id: 'c' }, { id: 'a', status: 'completed' }, { id: 'b', status: 'open' }]);
    expect(digest).toEqual({
      count: 3,
      digest: 'f8552a7cecd5536cd9c96df920f2e7e386fc736a4af2c462f7ec3b75faf02b2c',
    });
    expect(dayDigest([{ id: 'b', status: 'open' }, { id: 'a', status: 'completed' }, { id: 'c' }])).toEqual(
      digest,
    );
    // The same two sales as sync-server's test/store-day-receipt.test.ts: both sides agree on the fingerprint.
    expect(
      dayDigest([
        { id: '01900000-0000-7000-8000-00000000000b', status: 'completed' },
        { id: '01900000-0000-7000-8000-00000000000a', status: 'open' },
      ]).digest,
    ).toBe('f6b44fede6f0da42e8004bf84bfb0397520abe1a7e9ca9c95c371331f1d13614');
    // The empty input: sha-256 of nothing (FIPS 180-4 test vector).
    expect(dayDigest([])).toEqual({
      count: 0,
      digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });
});
