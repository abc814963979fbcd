import { describe, expect, it } from 'vitest';
import { selectUsbPrinterEndpoints, type UsbConfigurationInfo } from './usb-printer-endpoints.js';

// Descriptor shapes as the `usb` package reports them; no USB printer is attached to the build machines,
// so only the selection is tested, not transfers.
const epsonLike: UsbConfigurationInfo = {
  configurationValue: 1,
  interfaces: [
    {
      interfaceNumber: 0,
      alternates: [
        {
          alternateSetting: 0,
          interfaceClass: 7,
          interfaceProtocol: 2,
          endpoints: [
            { endpointNumber: 1, direction: 'out', type: 'bulk' },
            { endpointNumber: 2, direction: 'in', type: 'bulk' },
          ],
        },
      ],
    },
  ],
};

describe('selectUsbPrinterEndpoints', () => {
  it('takes the bidirectional printer-class interface with bulk OUT and IN', () => {
    expect(selectUsbPrinterEndpoints(epsonLike)).toEqual({
      ok: true,
      value: {
        configurationValue: 1,
        interfaceNumber: 0,
        alternateSetting: 0,
        outEndpoint: 1,
        inEndpoint: 2,
      },
    });
  });

  it('prefers the bidirectional alternate over a unidirectional one', () => {
    const config: UsbConfigurationInfo = {
      configurationValue: 1,
      interfaces: [
        {
          interfaceNumber: 0,
          alternates: [
            {
              alternateSetting: 0,
              interfaceClass: 7,
              interfaceProtocol: 1,
              endpoints: [{ endpointNumber: 1, direction: 'out', type: 'bulk' }],
            },
            {
              alternateSetting: 1,
              interfaceClass: 7,
              interfaceProtocol: 2,
              endpoints: [
                { endpointNumber: 3, direction: 'out', type: 'bulk' },
                { endpointNumber: 4, direction: 'in', type: 'bulk' },
              ],
            },
          ],
        },
      ],
    };
    expect(selectUsbPrinterEndpoints(config)).toMatchObject({
      ok: true,
      value: { alternateSetting: 1, outEndpoint: 3, inEndpoint: 4 },
    });
  });

  it('accepts a vendor-specific interface with only bulk OUT, skipping HID and interrupt-only interfaces', () => {
    const config: UsbConfigurationInfo = {
      configurationValue: 1,
      interfaces: [
        {
          interfaceNumber: 0,
          alternates: [
            {
              alternateSetting: 0,
              interfaceClass: 3,
              interfaceProtocol: 0,
              endpoints: [{ endpointNumber: 1, direction: 'in', type: 'interrupt' }],
            },
          ],
        },
        {
          interfaceNumber: 1,
          alternates: [
            {
              alternateSetting: 0,
              interfaceClass: 0xff,
              interfaceProtocol: 0,
              endpoints: [{ endpointNumber: 5, direction: 'out', type: 'bulk' }],
            },
          ],
        },
      ],
    };
    const r = selectUsbPrinterEndpoints(config);
    expect(r).toEqual({
      ok: true,
      value: { configurationValue: 1, interfaceNumber: 1, alternateSetting: 0, outEndpoint: 5 },
    });
  });

  it('says so when there is nothing to print to', () => {
    expect(selectUsbPrinterEndpoints(null)).toMatchObject({ ok: false, reason: 'no-printer-interface' });
    expect(
      selectUsbPrinterEndpoints({
        configurationValue: 1,
        interfaces: [
          {
            interfaceNumber: 0,
            alternates: [
              {
                alternateSetting: 0,
                interfaceClass: 7,
                interfaceProtocol: 2,
                endpoints: [{ endpointNumber: 2, direction: 'in', type: 'bulk' }],
              },
            ],
          },
        ],
      }),
    ).toMatchObject({ ok: false, reason: 'no-printer-interface' });
  });
});
