import { describe, expect, it } from 'vitest';
import { classifyOpenError } from '../transport/classify-open-error.js';
import { SerialTransport } from '../transport/serial-transport.js';
import { parseDeviceConfig } from './device-config.js';
import { DriverCatalog, registerScannerAndScaleDrivers } from './driver-catalog.js';

const scale = {
  id: 'scale-1',
  kind: 'scale',
  transport: 'serial',
  path: '/dev/ttyS0',
  protocol: 'toledo-8217',
};

describe('device config', () => {
  it('accepts a lane config of scanner, scale and network printer', () => {
    const parsed = parseDeviceConfig({
      devices: [
        { id: 'scanner-1', kind: 'scanner', transport: 'hid', address: '0c2e:0b61', protocol: 'hid-pos' },
        {
          ...scale,
          serial: { baudRate: 9600, dataBits: 7, parity: 'even' },
          options: { pollIntervalMs: 150 },
        },
        { id: 'printer-1', kind: 'printer', transport: 'tcp', address: '10.0.0.5:9100', protocol: 'escpos' },
        {
          id: 'esl',
          kind: 'shelf-labels',
          transport: 'http',
          address: 'http://10.0.0.9',
          protocol: 'openepaperlink',
        },
      ],
    });
    expect(parsed.ok && parsed.value.devices.map((d) => d.id)).toEqual([
      'scanner-1',
      'scale-1',
      'printer-1',
      'esl',
    ]);
  });

  it.each([
    [{ devices: {} }, 'devices: must be an array'],
    [{ devices: [{ ...scale, kind: 'toaster' }] }, 'devices[0].kind: "toaster" is not a device kind'],
    [{ devices: [{ ...scale, path: undefined }] }, 'devices[0].path: is required for a serial device'],
    [
      { devices: [{ ...scale, serial: { baudRate: 9601 } }] },
      'devices[0].serial.baudRate: 9601 is not one of',
    ],
    [{ devices: [{ ...scale, serial: { parity: 'evn' } }] }, 'devices[0].serial.parity: "evn"'],
    [{ devices: [{ ...scale, colour: 'red' }] }, 'devices[0].colour: is not a device option'],
    [{ devices: [scale, scale] }, 'devices[1].id: "scale-1" is declared twice'],
    [
      { devices: [{ id: 'p', kind: 'printer', transport: 'tcp', address: '10.0.0.5', protocol: 'escpos' }] },
      'devices[0].address: "10.0.0.5" is not host:port',
    ],
    [
      {
        devices: [
          { id: 'c', kind: 'smart-cart', transport: 'ws', address: 'http://x', protocol: 'cart-json' },
        ],
      },
      'devices[0].address: "http://x" is not a ws: or wss: URL',
    ],
  ])('rejects %j naming the option', (input, message) => {
    const parsed = parseDeviceConfig(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.detail).toContain(message);
  });

  it('builds drivers with the protocol line settings, and names bad driver options', () => {
    const catalog = registerScannerAndScaleDrivers(new DriverCatalog());
    const parsed = parseDeviceConfig({ devices: [scale] });
    if (!parsed.ok) throw new Error(parsed.detail);
    const driver = catalog.create(parsed.value.devices[0]!);
    expect(driver.ok && driver.value.kind).toBe('scale');
    expect(driver.ok && driver.value.location()).toBe('/dev/ttyS0');
    const bad = catalog.create({ ...parsed.value.devices[0]!, options: { pollIntervalMs: -5 } });
    expect(bad).toMatchObject({ ok: false, reason: 'bad-config' });
    expect(!bad.ok && bad.detail).toContain('"pollIntervalMs"');
    const unknown = catalog.create({ ...parsed.value.devices[0]!, options: { speed: 1 } });
    expect(!unknown.ok && unknown.detail).toContain('"speed" is not a scale option');
    expect(catalog.create({ ...parsed.value.devices[0]!, protocol: 'mystery' })).toMatchObject({
      ok: false,
      reason: 'unsupported-device',
    });
  });

  it('reports a missing port and a permission error as values naming the path', async () => {
    const missing = await new SerialTransport({ path: '/dev/does-not-exist-42', baudRate: 9600 }).open();
    expect(missing).toMatchObject({ ok: false, reason: 'port-missing', path: '/dev/does-not-exist-42' });
    // Tests run as root, so the OS error itself is classified here: serialport's message for EACCES.
    expect(classifyOpenError(new Error('Error: Permission denied, cannot open /dev/ttyS0'))).toBe(
      'permission-denied',
    );
    expect(classifyOpenError(Object.assign(new Error('x'), { code: 'EBUSY' }))).toBe('port-busy');
  });
});
