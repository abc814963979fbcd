import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../src/config/device-config.js';
import { DriverCatalog, registerScannerAndScaleDrivers } from '../src/config/driver-catalog.js';
import { DeviceHost } from '../src/host/device-host.js';
import { SCALE_COMMANDS } from '../src/host/scale-commands.js';
import { ScannerScaleDevice, type ScannerScaleReading } from '../src/scale/scanner-scale-device.js';
import { SerialTransport } from '../src/transport/serial-transport.js';
import { CORE_POS_MAGELLAN, SCI_SCAN_MESSAGES } from './fixtures/magellan-sci.js';
import { LineExchange } from './line-exchange.js';
import { control, devicePath, record, startSim } from './sim-harness.js';

const endsWithCr = (text: string) => text.endsWith('\r');

describe('simulated Magellan scanner-scale against CORE-POS, byte for byte over a pty at 9600 7O1', () => {
  let sim: RunningSimulator;
  let line: LineExchange;
  const id = 'magellan-1';

  beforeAll(async () => {
    sim = await startSim({ devices: [{ id, kind: 'scanner-scale', protocol: 'magellan-sci' }] });
    const transport = new SerialTransport({ path: devicePath(sim, id), ...CORE_POS_MAGELLAN.line });
    expect((await transport.open()).ok).toBe(true);
    line = new LineExchange(transport);
  });

  afterAll(async () => {
    await line?.transport.close();
    await sim?.stop();
  });

  it('answers CORE-POS S14 with the S14x statuses it parses, S144 carrying the weight', async () => {
    const cases: Array<[number, boolean, string]> = [
      [567, true, 'S1440125\r'],
      [0, true, 'S143\r'],
      [800, false, 'S141\r'],
      [20_000, true, 'S142\r'],
      [-100, true, 'S145\r'],
    ];
    for (const [grams, stable, reply] of cases) {
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams, stable });
      expect(await line.ask(CORE_POS_MAGELLAN.monitor, endsWithCr)).toBe(reply);
    }
  });

  it('answers S11 with S11 + weight when stable (what CORE-POS hands on)', async () => {
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 567, stable: true });
    expect(await line.ask(CORE_POS_MAGELLAN.weightRequest, endsWithCr)).toBe('S110125\r');
  });

  it('sends each scan as S08 + the label id of the Datalogic documents', async () => {
    for (const fixture of SCI_SCAN_MESSAGES) {
      line.clear();
      const scanned = await control(sim, 'POST', `/devices/${id}/scan`, {
        code: fixture.code,
        symbology: fixture.symbology,
      });
      expect(scanned.status).toBe(200);
      expect(await line.until(endsWithCr)).toBe(fixture.message);
    }
  });
});

describe('Magellan scanner-scale driver configured from a lane config, against the simulator', () => {
  let sim: RunningSimulator;
  let device: ScannerScaleDevice;
  let events: ReturnType<typeof record<ScannerScaleReading>>;
  const id = 'magellan-1';

  beforeAll(async () => {
    sim = await startSim({ devices: [{ id, kind: 'scanner-scale', protocol: 'magellan-sci' }] });
    const config = parseDeviceConfig({
      devices: [
        {
          id,
          kind: 'scanner-scale',
          transport: 'serial',
          path: devicePath(sim, id),
          protocol: 'magellan-sci',
          options: { pollIntervalMs: 30 },
        },
      ],
    });
    if (!config.ok) throw new Error(config.detail);
    const created = registerScannerAndScaleDrivers(new DriverCatalog()).create(config.value.devices[0]!);
    if (!created.ok) throw new Error(created.detail);
    device = created.value as ScannerScaleDevice;
    expect(device).toBeInstanceOf(ScannerScaleDevice);
    events = record(device);
    expect((await device.open()).ok).toBe(true);
    await device.claim();
    await device.enable();
  });

  afterAll(async () => {
    await device?.shutdown();
    await sim?.stop();
  });

  it('hands on scans and stable weights as data, and motion as a status', async () => {
    const from = events.events.length;
    await control(sim, 'POST', `/devices/${id}/scan`, { code: '4006381333931', symbology: 'ean-13' });
    const scan = await events.until((e) => e.type === 'data' && e.payload.type === 'scan', from);
    expect(scan.payload).toMatchObject({
      type: 'scan',
      barcode: { code: '4006381333931', symbology: 'ean-13' },
    });
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 800, stable: false });
    await events.until((e) => e.type === 'status' && e.payload.reason === 'motion', from);
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1134, stable: true });
    const weight = await events.until((e) => e.type === 'data' && e.payload.type === 'weight', from);
    // 1134 g is 2.50 lb on the wire (S1440250), read back as 1134 g.
    expect(weight.payload).toEqual({ type: 'weight', weight: { grams: 1134, net: false } });
    expect(await device.readWeight()).toEqual({ ok: true, value: { grams: 1134, net: false } });
  });

  it("answers the device host's scale.read as a scale does, and refuses a scale-only command by kind", async () => {
    const host = new DeviceHost();
    for (const [name, command] of Object.entries(SCALE_COMMANDS)) host.registerCommand(name, command);
    host.add(device);
    const session = host.connect();
    const replies: unknown[] = [];
    session.onMessage((m) => {
      if (m.type === 'reply') replies.push(m.result);
    });
    // 2.50 lb on the wire (this scale is set to lb), read back as 1134 g.
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1134, stable: true });
    await expect
      .poll(async () => {
        await session.send({ type: 'invoke', requestId: 'read', deviceId: id, command: 'scale.read' });
        return replies.at(-1);
      })
      .toEqual({ ok: true, value: { grams: 1134, net: false } });
    await session.send({ type: 'invoke', requestId: 'tare', deviceId: id, command: 'scale.tare' });
    expect(replies.at(-1)).toMatchObject({ ok: false, reason: 'wrong-device-kind' });
  });

  it('reports garbage as a typed error and resyncs on the next good message', async () => {
    const from = events.events.length;
    await control(sim, 'POST', `/devices/${id}/fault`, { kind: 'noise' });
    await events.until((e) => e.type === 'error', from);
    await control(sim, 'DELETE', `/devices/${id}/fault`);
    await control(sim, 'POST', `/devices/${id}/scan`, { code: '96385074', symbology: 'ean-8' });
    const scan = await events.until(
      (e) => e.type === 'data' && e.payload.type === 'scan' && e.payload.barcode.code === '96385074',
      from,
    );
    expect(scan.payload).toMatchObject({ barcode: { symbology: 'ean-8' } });
  });
});
