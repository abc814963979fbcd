import { describe, expect, it } from 'vitest';
import { parseSimConfig } from './sim-config.js';

describe('parseSimConfig', () => {
  it('keeps where a device stands, and names a bad field', () => {
    expect(
      parseSimConfig({
        devices: [{ id: 'scanner-2', kind: 'scanner', protocol: 'aim-serial', station: '2 号收银台 Lane 2' }],
      }),
    ).toEqual({
      ok: true,
      value: {
        devices: [{ id: 'scanner-2', kind: 'scanner', protocol: 'aim-serial', station: '2 号收银台 Lane 2' }],
      },
    });
    expect(
      parseSimConfig({
        devices: [{ id: 'scanner-2', kind: 'scanner', protocol: 'aim-serial', station: '' }],
      }),
    ).toMatchObject({
      ok: false,
      reason: 'bad-config',
      detail: 'devices[0].station must be a text of 1-64 characters',
    });
    expect(
      parseSimConfig({ devices: [{ id: 'Scanner 2', kind: 'scanner', protocol: 'aim-serial' }] }),
    ).toMatchObject({
      ok: false,
      detail: 'devices[0].id must be lower-case letters, digits and dashes',
    });
    expect(parseSimConfig({ devices: [{ id: 'x', kind: 'toaster', protocol: 'p' }] })).toMatchObject({
      ok: false,
      detail: 'devices[0].kind "toaster" is not a device kind',
    });
  });
});
