import { describe, expect, it } from 'vitest';
import { readCardReference, writeCardReference } from './card-reference.js';

// The POITransactionID of Adyen's referenced-refund example (docs.adyen.com, "Refund a payment",
// ReversalRequest), and an approval code as in Adyen's payment-sync-success.json.
const ADYEN = {
  transactionId: 'oLkO001503399575001.9815033996072250',
  timeStamp: '2017-07-03T07:45:44.000Z',
};

describe('the card tender reference', () => {
  it('keeps the POI transaction and the approval code in one documented string', () => {
    const reference = writeCardReference({ ...ADYEN, authCode: '123456' });
    expect(reference).toBe('nexo:oLkO001503399575001.9815033996072250@2017-07-03T07:45:44.000Z;auth:123456');
    expect(readCardReference(reference)).toEqual({ authCode: '123456', transaction: ADYEN });
  });

  it('reads a reference written before (the approval code alone) as a code with no transaction', () => {
    expect(readCardReference('654321')).toEqual({ authCode: '654321' });
    expect(readCardReference(undefined)).toEqual({ authCode: '' });
  });

  it('reads a transaction id holding @ and a time with an offset', () => {
    const odd = { transactionId: 'a@b.c', timeStamp: '2026-12-03T08:00:00+08:00' };
    expect(readCardReference(writeCardReference({ ...odd, authCode: 'A1' }))).toEqual({
      authCode: 'A1',
      transaction: odd,
    });
  });

  it('an unreadable nexo part is no transaction, never a wrong one', () => {
    expect(readCardReference('nexo:abc;auth:1')).toEqual({ authCode: '1' });
    expect(readCardReference('nexo:abc@yesterday;auth:1')).toEqual({ authCode: '1' });
    expect(readCardReference('nexo:@2017-07-03T07:45:44.000Z')).toEqual({ authCode: '' });
  });

  it("stays within core's 200 characters: the approval code goes first, then the transaction", () => {
    const long = { transactionId: 'x'.repeat(160), timeStamp: ADYEN.timeStamp };
    expect(writeCardReference({ ...long, authCode: '123456' })).toBe(
      `nexo:${long.transactionId}@${long.timeStamp}`,
    );
    expect(
      writeCardReference({ transactionId: 'x'.repeat(200), timeStamp: ADYEN.timeStamp, authCode: '9' }),
    ).toBe('9');
    expect(writeCardReference({ authCode: '' })).toBeUndefined();
    expect(writeCardReference({ transactionId: 'T', authCode: '7' })).toBe('7');
  });
});
