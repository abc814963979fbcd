import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CartCardTerminals,
  cardTenderReference,
  loadCartTerminals,
  parseCartTerminals,
} from './cart-card-terminals.js';

const terminal = {
  id: 't1',
  url: 'http://10.0.0.5:8080/nexo',
  poiId: 'P400Plus-275039202',
  carts: ['cart-1'],
};

describe('cart terminals config', () => {
  it('names the bad option', () => {
    expect(() => parseCartTerminals([{ ...terminal, carts: [] }])).toThrow('/terminals/0/carts');
    expect(() => parseCartTerminals([{ ...terminal, colour: 'red' }])).toThrow('/terminals/0');
    expect(() => parseCartTerminals([{ ...terminal, url: 'ftp://x' }])).toThrow('/terminals/0/url');
    expect(() => parseCartTerminals([terminal, { ...terminal, id: 't2' }])).toThrow(
      '"cart-1" is served by "t1" already',
    );
    expect(() => parseCartTerminals([terminal, terminal])).toThrow('"t1" is used twice');
    expect(() => parseCartTerminals([{ ...terminal, url: 'https://10.0.0.5:8443/nexo' }])).toThrow(
      'needs "ca" or "caFile"',
    );
  });

  it('serves a cart by its own terminal, every other by the shared one', () => {
    const terminals = new CartCardTerminals([
      terminal,
      { ...terminal, id: 'shared', carts: ['*'], url: 'http://10.0.0.6:8080/nexo' },
    ]);
    expect(terminals.terminalOf('cart-1')).toBe('t1');
    expect(terminals.terminalOf('cart-7')).toBe('shared');
    expect(new CartCardTerminals([terminal]).terminalOf('cart-7')).toBeUndefined();
  });

  it('reads the terminals file, with the CA from its own file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cart-terminals-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
      const file = join(dir, 'terminals.json');
      writeFileSync(
        file,
        JSON.stringify({
          terminals: [{ ...terminal, url: 'https://10.0.0.5:8443/nexo', caFile: join(dir, 'ca.pem') }],
        }),
      );
      expect(loadCartTerminals(file)).toMatchObject([{ id: 't1', ca: '-----BEGIN CERTIFICATE-----\n' }]);
      writeFileSync(file, JSON.stringify({ terminal: [] }));
      expect(() => loadCartTerminals(file)).toThrow('terminal: is not an option');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cardTenderReference', () => {
  // The form pos-app's card-reference.ts reads (its documented example).
  it('writes the lane form, dropping the approval code first when too long', () => {
    expect(
      cardTenderReference({
        authCode: '123456',
        transactionId: 'oLkO001503399575001.9815033996072250',
        timeStamp: '2017-07-03T07:45:44.000Z',
      }),
    ).toBe('nexo:oLkO001503399575001.9815033996072250@2017-07-03T07:45:44.000Z;auth:123456');
    const long = 'x'.repeat(165);
    expect(
      cardTenderReference({ authCode: '123456', transactionId: long, timeStamp: '2017-07-03T07:45:44.000Z' }),
    ).toBe(`nexo:${long}@2017-07-03T07:45:44.000Z`);
    expect(cardTenderReference({ authCode: '123456', transactionId: '', timeStamp: '' })).toBe('123456');
  });
});
