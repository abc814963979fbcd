import { describe, expect, it } from 'vitest';
import type { StoreDoc } from '../schemas/stores.js';
import { businessDayOf } from './business-day.js';
import { storeSettingsInForce } from './store-settings-in-force.js';

const version = (id: string, over: Partial<StoreDoc>): StoreDoc => ({
  id,
  storeId: 'lyon',
  name: 'Lyon',
  currency: 'EUR',
  taxMode: 'inclusive',
  taxRounding: 'line',
  cashRoundingStep: 1,
  timeZone: 'Europe/Paris',
  businessDayStartHour: 0,
  receiptHeader: '',
  receiptFooter: '',
  languages: ['fr-FR'],
  address: '',
  active: true,
  validFrom: 0,
  createdAt: 0,
  ...over,
});

describe('storeSettingsInForce', () => {
  const versions = [
    version('v1', { receiptFooter: 'Merci' }),
    version('v2', { receiptFooter: 'Merci et à bientôt', validFrom: 1_000, createdAt: 10 }),
    version('v2-fix', { receiptFooter: 'Merci, à bientôt', validFrom: 1_000, createdAt: 20 }),
    version('ended', { validFrom: 5_000, validTo: 6_000, cashRoundingStep: 5 }),
    version('other', { storeId: 'paris', validFrom: 2_000 }),
  ];

  it('picks the latest version that has started, the later correction among equals', () => {
    expect(storeSettingsInForce('lyon', 999, versions)).toMatchObject({ ok: true, value: { id: 'v1' } });
    expect(storeSettingsInForce('lyon', 1_000, versions)).toMatchObject({ value: { id: 'v2-fix' } });
    expect(storeSettingsInForce('lyon', 5_500, versions)).toMatchObject({ value: { id: 'ended' } });
    // Once a bounded version ends, the one before it is in force again.
    expect(storeSettingsInForce('lyon', 6_000, versions)).toMatchObject({ value: { id: 'v2-fix' } });
  });

  it('never answers with another store’s settings, and says so when none is in force', () => {
    expect(storeSettingsInForce('paris', 1_999, versions)).toMatchObject({
      ok: false,
      reason: 'no-store-settings',
    });
    expect(storeSettingsInForce('paris', 2_000, versions)).toMatchObject({ value: { id: 'other' } });
    expect(storeSettingsInForce('lyon', 0, [...versions].reverse())).toMatchObject({ value: { id: 'v1' } });
  });
});

describe('businessDayOf', () => {
  const paris = { timeZone: 'Europe/Paris', businessDayStartHour: 4 };
  it('counts the small hours for the evening before, in the store’s time zone', () => {
    // 2025-03-01T00:30Z is 01:30 in Paris (UTC+1): before the 04:00 cut-over.
    expect(businessDayOf(Date.parse('2025-03-01T00:30:00Z'), paris)).toBe('2025-02-28');
    expect(businessDayOf(Date.parse('2025-03-01T03:00:00Z'), paris)).toBe('2025-03-01');
    expect(businessDayOf(Date.parse('2025-03-01T00:30:00Z'), { ...paris, businessDayStartHour: 0 })).toBe(
      '2025-03-01',
    );
  });

  it('crosses months, years and daylight-saving changes', () => {
    expect(businessDayOf(Date.parse('2025-01-01T01:00:00Z'), paris)).toBe('2024-12-31');
    // 2025-03-30: Paris moves from UTC+1 to UTC+2 at 02:00 local. 01:59Z is 03:59 local, still before 04:00.
    expect(businessDayOf(Date.parse('2025-03-30T01:59:00Z'), paris)).toBe('2025-03-29');
    expect(businessDayOf(Date.parse('2025-03-30T02:00:00Z'), paris)).toBe('2025-03-30');
    const tokyo = { timeZone: 'Asia/Tokyo', businessDayStartHour: 5 };
    expect(businessDayOf(Date.parse('2025-03-01T19:00:00Z'), tokyo)).toBe('2025-03-01');
    expect(businessDayOf(Date.parse('2025-03-01T20:30:00Z'), tokyo)).toBe('2025-03-02');
  });
});
