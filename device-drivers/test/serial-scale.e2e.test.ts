import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaleDevice } from '../src/scale/scale-device.js';
import { type ScaleProtocolName, scaleProtocol } from '../src/scale/scale-protocol.js';
import type { StableWeight } from '../src/scale/stable-weight.js';
import { SerialTransport } from '../src/transport/serial-transport.js';
import { control, devicePath, record, startSim } from './sim-harness.js';

for (const protocolName of ['toledo-8217', 'nci'] as ScaleProtocolName[]) {
  describe(`${protocolName} scale against hardware-sim over a real pty at 9600 7E1`, () => {
    let sim: RunningSimulator;
    let scale: ScaleDevice;
    let events: ReturnType<typeof record<StableWeight>>;
    const id = 'scale-1';

    beforeAll(async () => {
      sim = await startSim({ devices: [{ id, kind: 'scale', protocol: protocolName }] });
      const protocol = scaleProtocol(protocolName);
      const transport = new SerialTransport({ path: devicePath(sim, id), ...protocol.line });
      expect(transport.settings).toMatchObject({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
      scale = new ScaleDevice(
        {
          id,
          protocol,
          pollIntervalMs: 30,
          replyTimeoutMs: 300,
          backoff: { initialMs: 50, maxMs: 300, factor: 2 },
        },
        transport,
      );
      events = record(scale);
      expect((await scale.open()).ok).toBe(true);
      await scale.claim();
      await scale.enable();
    });

    afterAll(async () => {
      await scale?.shutdown();
      await sim?.stop();
    });

    it('hands on a stable weight as integer grams', async () => {
      const from = events.events.length;
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1234, stable: true });
      const event = await events.until((e) => e.type === 'data', from);
      expect(event.payload).toEqual({ grams: 1234, net: false });
    });

    it('never hands on a moving weight: status motion instead', async () => {
      const from = events.events.length;
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 800, stable: false });
      const status = await events.until((e) => e.type === 'status' && e.payload.reason === 'motion', from);
      expect(status.payload).toMatchObject({ health: 'online', reason: 'motion', path: devicePath(sim, id) });
      expect(await scale.readWeight()).toMatchObject({ ok: false, reason: 'motion' });
      expect(events.events.slice(from).some((e) => e.type === 'data')).toBe(false);
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 800, stable: true });
      const data = await events.until((e) => e.type === 'data', from);
      expect(data.payload).toEqual({ grams: 800, net: false });
    });

    it('tares, hands on the net weight marked net, and clears the tare back to gross', async () => {
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 250, stable: true });
      await events.until((e) => e.type === 'data' && e.payload.grams === 250);
      expect(await scale.tare()).toEqual({ ok: true, value: undefined });
      const from = events.events.length;
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1250, stable: true });
      const net = await events.until((e) => e.type === 'data' && e.payload.grams === 1000, from);
      expect(net.payload).toEqual({ grams: 1000, net: true });
      expect(await scale.clearTare()).toEqual({ ok: true, value: undefined });
      const gross = await events.until((e) => e.type === 'data' && e.payload.grams === 1250, from);
      expect(gross.payload).toEqual({ grams: 1250, net: false });
    });

    it('reports over capacity as a status, not a weight', async () => {
      const from = events.events.length;
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 20_000, stable: true });
      await events.until((e) => e.type === 'status' && e.payload.reason === 'over-capacity', from);
      expect(events.events.slice(from).some((e) => e.type === 'data')).toBe(false);
    });

    it('reports garbage on the line as a typed error and resyncs on the next good frame', async () => {
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 500, stable: true });
      await events.until((e) => e.type === 'data' && e.payload.grams === 500);
      await control(sim, 'POST', `/devices/${id}/fault`, { kind: 'wrong-baud' });
      const from = events.events.length;
      await events.until((e) => e.type === 'error' && e.payload.reason === 'noise', from);
      await control(sim, 'DELETE', `/devices/${id}/fault`);
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 640, stable: true });
      const data = await events.until((e) => e.type === 'data', from);
      expect(data.payload).toEqual({ grams: 640, net: false });
    });

    it('goes offline when unplugged and reconnects by itself when plugged back', async () => {
      const from = events.events.length;
      await control(sim, 'POST', `/devices/${id}/fault`, { kind: 'disconnected' });
      const offline = await events.until((e) => e.type === 'status' && e.payload.health === 'offline', from);
      expect(offline.payload).toMatchObject({ reason: 'device-gone', path: devicePath(sim, id) });
      await events.until((e) => e.type === 'status' && e.payload.health === 'reconnecting', from);
      await control(sim, 'DELETE', `/devices/${id}/fault`);
      await events.until((e) => e.type === 'status' && e.payload.health === 'online', from);
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 2500, stable: true });
      const data = await events.until((e) => e.type === 'data' && e.payload.grams === 2500, from);
      expect(data.payload).toEqual({ grams: 2500, net: false });
      expect(scale.state).toBe('enabled');
    });

    it('reports a scale that never answers as offline with no-answer and the path', async () => {
      const from = events.events.length;
      await control(sim, 'POST', `/devices/${id}/fault`, { kind: 'silent' });
      const status = await events.until((e) => e.type === 'status' && e.payload.reason === 'no-answer', from);
      expect(status.payload).toMatchObject({ health: 'offline', path: devicePath(sim, id) });
      await control(sim, 'DELETE', `/devices/${id}/fault`);
      await events.until((e) => e.type === 'status' && e.payload.health === 'online', from);
    });
  });
}
