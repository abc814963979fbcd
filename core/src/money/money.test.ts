import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyOf } from './currencies.js';
import { formatDecimalAmount, parseDecimalAmount } from './decimal.js';
import { totalCashCount } from './denominations.js';
import { addMoney, checkAmount, money, multiplyMoney } from './money.js';

describe('currencies', () => {
  it('knows the minor-unit exponent of each currency', () => {
    expect(currencyOf('EUR')).toMatchObject({ ok: true, value: { exponent: 2 } });
    expect(currencyOf('JPY')).toMatchObject({ ok: true, value: { exponent: 0 } });
    expect(currencyOf('KWD')).toMatchObject({ ok: true, value: { exponent: 3 } });
  });
  it('refuses an unknown currency with a typed error naming it', () => {
    const r = currencyOf('EURO');
    expect(r).toMatchObject({ ok: false, reason: 'unknown-currency' });
    expect(r.ok ? '' : r.detail).toContain('EURO');
    expect(money(100, 'ZZZ')).toMatchObject({ ok: false, reason: 'unknown-currency' });
  });
});

describe('amounts from outside', () => {
  it('refuses a fraction of a minor unit, naming the field', () => {
    expect(checkAmount(199.5, 'unitPrice')).toMatchObject({
      ok: false,
      reason: 'fraction-of-minor-unit',
      path: 'unitPrice',
    });
    expect(money(0.1, 'EUR')).toMatchObject({ ok: false, reason: 'fraction-of-minor-unit' });
  });
  it('refuses negative amounts unless allowed, NaN and strings', () => {
    expect(checkAmount(-1, 'amount')).toMatchObject({ ok: false, reason: 'negative-amount' });
    expect(checkAmount(-1, 'amount', { allowNegative: true })).toEqual({ ok: true, value: -1 });
    expect(checkAmount(Number.NaN, 'amount')).toMatchObject({ ok: false, reason: 'not-an-amount' });
    expect(checkAmount('12', 'amount')).toMatchObject({ ok: false, reason: 'not-an-amount' });
    expect(checkAmount(2 ** 60, 'amount')).toMatchObject({ ok: false, reason: 'amount-too-large' });
  });
  it('parses decimal strings per currency and refuses digits below the minor unit', () => {
    expect(parseDecimalAmount('12.30', 'EUR')).toEqual({ ok: true, value: 1230 });
    expect(parseDecimalAmount('12.3', 'EUR')).toEqual({ ok: true, value: 1230 });
    expect(parseDecimalAmount('12', 'EUR')).toEqual({ ok: true, value: 1200 });
    expect(parseDecimalAmount('1.000', 'EUR')).toEqual({ ok: true, value: 100 });
    expect(parseDecimalAmount('1.005', 'EUR')).toMatchObject({ ok: false, reason: 'fraction-of-minor-unit' });
    expect(parseDecimalAmount('150', 'JPY')).toEqual({ ok: true, value: 150 });
    expect(parseDecimalAmount('150.5', 'JPY')).toMatchObject({ ok: false, reason: 'fraction-of-minor-unit' });
    expect(parseDecimalAmount('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(parseDecimalAmount('1,50', 'EUR')).toMatchObject({ ok: false, reason: 'not-an-amount' });
    expect(parseDecimalAmount('1.50', 'XYZ')).toMatchObject({ ok: false, reason: 'unknown-currency' });
  });
  it('formats and parses back to the same minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (amount, cur) => {
          const text = formatDecimalAmount(amount, cur);
          if (!text.ok) throw new Error(text.reason);
          expect(parseDecimalAmount(text.value, cur)).toEqual({ ok: true, value: amount });
        },
      ),
    );
    expect(formatDecimalAmount(5, 'EUR')).toEqual({ ok: true, value: '0.05' });
    expect(formatDecimalAmount(-1230, 'EUR')).toEqual({ ok: true, value: '-12.30' });
  });
});

describe('Money values', () => {
  it('adds only amounts of the same currency', () => {
    const a = { amount: 150, currency: 'EUR' };
    expect(addMoney(a, { amount: 50, currency: 'EUR' })).toEqual({
      ok: true,
      value: { amount: 200, currency: 'EUR' },
    });
    expect(addMoney(a, { amount: 50, currency: 'USD' })).toMatchObject({
      ok: false,
      reason: 'currency-mismatch',
    });
    expect(multiplyMoney(a, 3)).toEqual({ ok: true, value: { amount: 450, currency: 'EUR' } });
    expect(multiplyMoney(a, 1.5)).toMatchObject({ ok: false, reason: 'invalid-quantity' });
  });
});

describe('drawer count', () => {
  it('totals notes and coins and refuses a denomination the currency does not have', () => {
    expect(
      totalCashCount('EUR', [
        { value: 2000, count: 3 },
        { value: 50, count: 4 },
      ]),
    ).toEqual({ ok: true, value: 6200 });
    expect(totalCashCount('EUR', [{ value: 300, count: 1 }])).toMatchObject({
      ok: false,
      reason: 'unknown-denomination',
    });
    expect(totalCashCount('EUR', [{ value: 100, count: -1 }])).toMatchObject({
      ok: false,
      reason: 'invalid-count',
    });
  });
});
