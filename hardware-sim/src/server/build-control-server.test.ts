import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { SimPrinter } from '../printer/sim-printer.js';
import { SimRegistry } from '../registry.js';
import { SimScale } from '../scale/sim-scale.js';
import { SimSerialScanner } from '../scanner/sim-serial-scanner.js';
import { buildControlServer } from './build-control-server.js';

/** Routing and error codes through fastify's inject(); the real-socket paths run in the driver e2e tests. */
describe('control API contract', () => {
  const registry = new SimRegistry();
  registry.add(new SimSerialScanner({ id: 'scanner-1', runDir: tmpdir() }));
  registry.add(new SimScale({ id: 'scale-1', runDir: tmpdir(), protocol: 'toledo-8217' }));
  registry.add(new SimPrinter({ id: 'printer-1' }));
  const app = buildControlServer({ registry });

  afterAll(async () => {
    await app.close();
  });

  it('lists each device with kind, protocol, faults and capabilities', async () => {
    const res = await app.inject({ method: 'GET', url: '/devices' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { devices: Array<Record<string, unknown>> };
    expect(body.devices[1]).toMatchObject({
      id: 'scale-1',
      kind: 'scale',
      protocol: 'toledo-8217',
      faults: [],
      capabilities: ['setWeight'],
    });
    expect(body.devices[1]?.faultKinds).toContain('moving');
  });

  it.each([
    ['GET', '/devices/ghost', undefined, 404, 'device-not-found'],
    ['POST', '/devices/ghost/scan', { code: '1' }, 404, 'device-not-found'],
    ['PUT', '/devices/scanner-1/weight', { grams: 5, stable: true }, 409, 'capability-missing'],
    ['POST', '/devices/scale-1/scan', { code: '1' }, 409, 'capability-missing'],
    ['GET', '/devices/scale-1/receipts', undefined, 409, 'capability-missing'],
    ['GET', '/devices/scale-1/labels', undefined, 409, 'capability-missing'],
    ['GET', '/devices/scale-1/transactions', undefined, 409, 'capability-missing'],
    ['GET', '/devices/printer-1/receipts/nope.png', undefined, 404, 'receipt-not-found'],
    ['PUT', '/devices/scale-1/weight', { grams: 1.5, stable: true }, 400, 'bad-request'],
    ['POST', '/devices/scale-1/fault', { kind: 'lightning' }, 400, 'unknown-fault'],
    ['POST', '/devices/scanner-1/scan', { code: '4006381333931' }, 409, 'device-disconnected'],
  ])('%s %s → %i %s', async (method, url, payload, status, code) => {
    const res = await app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code });
  });

  it('injects and clears faults', async () => {
    const set = await app.inject({
      method: 'POST',
      url: '/devices/scale-1/fault',
      payload: { kind: 'moving' },
    });
    expect(set.json()).toEqual({ ok: true, faults: ['moving'] });
    const cleared = await app.inject({ method: 'DELETE', url: '/devices/scale-1/fault' });
    expect(cleared.json()).toEqual({ ok: true, faults: [] });
  });
});
