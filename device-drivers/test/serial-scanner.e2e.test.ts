import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AimSerialDecoder } from '../src/scanner/aim-serial-codec.js';
import type { ScannedBarcode } from '../src/scanner/scanned-barcode.js';
import { ScannerDevice } from '../src/scanner/scanner-device.js';
import { SerialTransport } from '../src/transport/serial-transport.js';
import { control, devicePath, record, startSim } from './sim-harness.js';

describe('serial AIM scanner against hardware-sim over a real pty', () => {
  let sim: RunningSimulator;
  let scanner: ScannerDevice;
  let events: ReturnType<typeof record<ScannedBarcode>>;

  beforeAll(async () => {
    sim = await startSim({ devices: [{ id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' }] });
    scanner = new ScannerDevice(
      { id: 'scanner-1', backoff: { initialMs: 50, maxMs: 200, factor: 2 } },
      new SerialTransport({ path: devicePath(sim, 'scanner-1'), baudRate: 9600 }),
      new AimSerialDecoder(),
    );
    events = record(scanner);
    expect((await scanner.open()).ok).toBe(true);
    await scanner.claim();
    await scanner.enable();
  });

  afterAll(async () => {
    await scanner?.shutdown();
    await sim?.stop();
  });

  it('lists the scanner with the pty path a driver opens', async () => {
    const listed = await control(sim, 'GET', '/devices');
    expect(listed.body.devices).toEqual([
      expect.objectContaining({
        id: 'scanner-1',
        kind: 'scanner',
        protocol: 'aim-serial',
        path: devicePath(sim, 'scanner-1'),
      }),
    ]);
  });

  it('turns a scan on the control API into a data event with the parsed barcode', async () => {
    const from = events.events.length;
    const res = await control(sim, 'POST', '/devices/scanner-1/scan', {
      code: '4006381333931',
      symbology: 'ean-13',
    });
    expect(res.status).toBe(200);
    const event = await events.until((e) => e.type === 'data', from);
    expect(event.payload).toMatchObject({
      code: '4006381333931',
      symbology: 'ean-13',
      aimId: ']E0',
      source: 'serial',
      barcode: { ok: true, kind: 'gtin', format: 'ean-13', gtin: '04006381333931' },
    });
  });

  it('reports a misread (bad check digit) as a typed error, never as data', async () => {
    const from = events.events.length;
    await control(sim, 'POST', '/devices/scanner-1/scan', { code: '4006381333932', symbology: 'ean-13' });
    const error = await events.until((e) => e.type === 'error', from);
    expect(error.payload).toMatchObject({ reason: 'check-digit' });
    expect(events.events.slice(from).some((e) => e.type === 'data')).toBe(false);
  });

  it('keeps GS1 separators in a GS1-128 scan', async () => {
    const from = events.events.length;
    const code = '0104012345678901\u001d10ABC123';
    await control(sim, 'POST', '/devices/scanner-1/scan', { code, symbology: 'gs1-128' });
    const event = await events.until((e) => e.type === 'data', from);
    expect(event.payload).toMatchObject({
      code,
      symbology: 'gs1-128',
      barcode: { kind: 'gs1', gtin: '04012345678901', batch: 'ABC123' },
    });
  });

  it('reports noise on the line as a typed error, then still delivers the code', async () => {
    expect((await control(sim, 'POST', '/devices/scanner-1/fault', { kind: 'noise' })).status).toBe(200);
    const from = events.events.length;
    await control(sim, 'POST', '/devices/scanner-1/scan', { code: '96385074', symbology: 'ean-8' });
    const data = await events.until((e) => e.type === 'data', from);
    expect(data.payload).toMatchObject({ code: '96385074', symbology: 'ean-8' });
    const errors = events.events.slice(from).filter((e) => e.type === 'error');
    expect(errors[0]?.payload).toMatchObject({ reason: 'noise' });
    await control(sim, 'DELETE', '/devices/scanner-1/fault');
  });

  it('at a wrong baud rate produces no sale line, only an error, and resyncs on the next good frame', async () => {
    await control(sim, 'POST', '/devices/scanner-1/fault', { kind: 'wrong-baud' });
    const from = events.events.length;
    await control(sim, 'POST', '/devices/scanner-1/scan', { code: '4006381333931', symbology: 'ean-13' });
    await control(sim, 'DELETE', '/devices/scanner-1/fault');
    await control(sim, 'POST', '/devices/scanner-1/scan', { code: '5901234123457', symbology: 'ean-13' });
    const data = await events.until((e) => e.type === 'data', from);
    const after = events.events.slice(from);
    expect(after.filter((e) => e.type === 'data').map((e) => (e.payload as ScannedBarcode).code)).toEqual([
      '5901234123457',
    ]);
    expect(data.payload).toMatchObject({ code: '5901234123457' });
    expect(after.some((e) => e.type === 'error' && e.payload.reason === 'noise')).toBe(true);
  });

  it('answers unknown devices and missing capabilities with codes', async () => {
    expect(await control(sim, 'POST', '/devices/nope/scan', { code: '1' })).toMatchObject({
      status: 404,
      body: { code: 'device-not-found' },
    });
    expect(await control(sim, 'PUT', '/devices/scanner-1/weight', { grams: 10, stable: true })).toMatchObject(
      {
        status: 409,
        body: { code: 'capability-missing' },
      },
    );
    expect(await control(sim, 'POST', '/devices/scanner-1/fault', { kind: 'fire' })).toMatchObject({
      status: 400,
      body: { code: 'unknown-fault' },
    });
  });
});
