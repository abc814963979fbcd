import type { AddressInfo } from 'node:net';
import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type WebSocketServer } from 'ws';
import { parseDeviceConfig } from '../src/config/device-config.js';
import { DriverCatalog, registerScannerAndScaleDrivers } from '../src/config/driver-catalog.js';
import { DeviceHost } from '../src/host/device-host.js';
import type { HostMessage } from '../src/host/host-messages.js';
import { SCALE_COMMANDS } from '../src/host/scale-commands.js';
import { serveDeviceHostOverWs } from '../src/host/ws-host-adapter.js';
import { control, devicePath, startSim } from './sim-harness.js';

/** A WebSocket client of the device host that remembers everything it received. */
async function client(url: string) {
  const socket = new WebSocket(url);
  const messages: HostMessage[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse(raw.toString()) as HostMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let n = 0;
  const waitFor = async (match: (m: HostMessage) => boolean) => {
    for (let i = 0; i < 400; i += 1) {
      const found = messages.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching message in ${JSON.stringify(messages)}`);
  };
  return {
    socket,
    messages,
    waitFor,
    async request(body: Record<string, unknown>) {
      const requestId = `r${++n}`;
      socket.send(JSON.stringify({ ...body, requestId }));
      const reply = await waitFor((m) => m.type === 'reply' && m.requestId === requestId);
      return reply.type === 'reply' ? reply.result : undefined;
    },
  };
}

describe('device host over WebSocket, driving a simulated scale on a pty', () => {
  let sim: RunningSimulator;
  let host: DeviceHost;
  let wss: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    sim = await startSim({ devices: [{ id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' }] });
    const config = parseDeviceConfig({
      devices: [
        {
          id: 'scale-1',
          kind: 'scale',
          transport: 'serial',
          path: devicePath(sim, 'scale-1'),
          protocol: 'toledo-8217',
          options: { pollIntervalMs: 30 },
        },
        {
          id: 'scanner-9',
          kind: 'scanner',
          transport: 'serial',
          path: '/dev/storefloor-missing',
          protocol: 'aim-serial',
        },
      ],
    });
    if (!config.ok) throw new Error(config.detail);
    const catalog = registerScannerAndScaleDrivers(new DriverCatalog());
    host = new DeviceHost();
    for (const spec of config.value.devices) {
      const driver = catalog.create(spec);
      if (!driver.ok) throw new Error(driver.detail);
      host.add(driver.value);
    }
    for (const [name, command] of Object.entries(SCALE_COMMANDS)) host.registerCommand(name, command);
    wss = serveDeviceHostOverWs(host, { port: 0 });
    await new Promise((r) => wss.once('listening', r));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/devices`;
  });

  afterAll(async () => {
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise((r) => wss?.close(r));
    await host?.shutdown();
    await sim?.stop();
  });

  it('lists, opens, claims, enables, and streams stable weights as data events', async () => {
    const c = await client(url);
    const list = await c.request({ type: 'list' });
    expect(list).toMatchObject({
      ok: true,
      value: [{ id: 'scale-1', kind: 'scale', state: 'closed' }, { id: 'scanner-9' }],
    });
    expect(await c.request({ type: 'open', deviceId: 'scale-1' })).toEqual({ ok: true, value: null });
    expect(await c.request({ type: 'claim', deviceId: 'scale-1' })).toEqual({ ok: true, value: null });
    expect(await c.request({ type: 'enable', deviceId: 'scale-1' })).toEqual({ ok: true, value: null });
    await control(sim, 'PUT', '/devices/scale-1/weight', { grams: 1500, stable: true });
    const data = await c.waitFor((m) => m.type === 'data' && m.deviceId === 'scale-1');
    expect(data).toEqual({
      type: 'data',
      deviceId: 'scale-1',
      payload: { grams: 1500, net: false },
      at: expect.any(Number),
    });
    // Stamped by the host when it had the frame, on the wall clock a renderer on this machine shares.
    expect(Math.abs((data as { at: number }).at - Date.now())).toBeLessThan(60_000);
    expect(await c.request({ type: 'invoke', deviceId: 'scale-1', command: 'scale.read' })).toEqual({
      ok: true,
      value: { grams: 1500, net: false },
    });
    await control(sim, 'PUT', '/devices/scale-1/weight', { grams: 1500, stable: false });
    expect(await c.request({ type: 'invoke', deviceId: 'scale-1', command: 'scale.read' })).toMatchObject({
      ok: false,
      reason: 'motion',
    });

    const other = await client(url);
    expect(await other.request({ type: 'disable', deviceId: 'scale-1' })).toMatchObject({
      ok: false,
      reason: 'claimed-elsewhere',
    });
    c.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(host.devices()[0]?.state).toBe('opened');
    expect(await other.request({ type: 'claim', deviceId: 'scale-1' })).toEqual({ ok: true, value: null });
    other.socket.close();
  });

  it('reports a missing port as a status naming the path, and bad requests as typed replies', async () => {
    const c = await client(url);
    expect(await c.request({ type: 'open', deviceId: 'scanner-9' })).toEqual({
      ok: true,
      value: { linkReason: 'port-missing' },
    });
    expect(host.devices()[1]?.status).toMatchObject({
      health: 'offline',
      reason: 'port-missing',
      path: '/dev/storefloor-missing',
    });
    expect(await c.request({ type: 'enable', deviceId: 'scanner-9' })).toMatchObject({
      ok: false,
      reason: 'illegal-transition',
    });
    expect(await c.request({ type: 'open', deviceId: 'nope' })).toMatchObject({
      ok: false,
      reason: 'device-not-found',
    });
    expect(await c.request({ type: 'invoke', deviceId: 'scanner-9', command: 'scale.zero' })).toMatchObject({
      ok: false,
      reason: 'wrong-device-kind',
    });
    expect(await c.request({ type: 'fly', deviceId: 'scale-1' })).toMatchObject({
      ok: false,
      reason: 'bad-message',
    });
    await c.request({ type: 'close', deviceId: 'scanner-9' });
    c.socket.close();
  });
});
