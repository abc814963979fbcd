import { SimNexoTerminal } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../config/device-config.js';
import { DriverCatalog } from '../config/driver-catalog.js';
import { DeviceHost } from '../host/device-host.js';
import type { HostMessage } from '../host/host-messages.js';
import { PAYMENT_COMMANDS } from './payment-commands.js';
import {
  DEFAULT_PAYMENT_TERMINAL_PROTOCOL,
  registerPaymentTerminalDrivers,
} from './payment-terminal-drivers.js';

describe('the card terminal through the device host (nexo by default)', () => {
  let sim: SimNexoTerminal;
  let host: DeviceHost;

  beforeAll(async () => {
    sim = new SimNexoTerminal({ id: 'nexo-host', shopperDelayMs: 10 });
    await sim.start();
    const config = parseDeviceConfig({
      devices: [
        {
          id: 'terminal-1',
          kind: 'payment-terminal',
          transport: 'http',
          address: sim.endpoint().url,
          protocol: DEFAULT_PAYMENT_TERMINAL_PROTOCOL,
          options: { saleId: 'lane-1', poiId: sim.poiId, ca: sim.certificatePem(), pollDelayMs: 20 },
        },
      ],
    });
    if (!config.ok) throw new Error(config.detail);
    const catalog = registerPaymentTerminalDrivers(new DriverCatalog());
    host = new DeviceHost();
    const driver = catalog.create(config.value.devices[0]!);
    if (!driver.ok) throw new Error(driver.detail);
    host.add(driver.value);
    for (const [name, command] of Object.entries(PAYMENT_COMMANDS)) host.registerCommand(name, command);
  });

  afterAll(async () => {
    await host.shutdown();
    await sim.stop();
  });

  it('purchase, status and refund are host commands with the drivers’ typed results', async () => {
    const session = host.connect();
    const replies = new Map<string, unknown>();
    session.onMessage((m: HostMessage) => {
      if (m.type === 'reply') replies.set(m.requestId, m.result);
    });
    const ask = async (requestId: string, request: Record<string, unknown>) => {
      await session.send({ requestId, ...request });
      return replies.get(requestId);
    };
    for (const type of ['open', 'claim', 'enable']) await ask(type, { type, deviceId: 'terminal-1' });
    expect(
      await ask('r1', {
        type: 'invoke',
        deviceId: 'terminal-1',
        command: 'payment.purchase',
        args: { requestId: 'T-1', amount: { minor: 880, currency: 'CNY' }, method: 'card' },
      }),
    ).toMatchObject({ ok: true, value: { requestId: 'T-1', amount: { minor: 880, currency: 'CNY' } } });
    expect(
      await ask('r2', {
        type: 'invoke',
        deviceId: 'terminal-1',
        command: 'payment.status',
        args: { requestId: 'T-1' },
      }),
    ).toMatchObject({ ok: true, value: { requestId: 'T-1', outcome: 'approved' } });
    expect(
      await ask('r3', {
        type: 'invoke',
        deviceId: 'terminal-1',
        command: 'payment.refund',
        args: { requestId: 'R-1', originalRequestId: 'T-1', amount: { minor: 880, currency: 'CNY' } },
      }),
    ).toMatchObject({ ok: true });
    expect(sim.charges()).toMatchObject([{ minor: 880, reversedMinor: 880 }]);

    // A refund naming the original's POI transaction (as its approval gave it) and one naming it badly.
    const paid = (await ask('r4', {
      type: 'invoke',
      deviceId: 'terminal-1',
      command: 'payment.purchase',
      args: { requestId: 'T-2', amount: { minor: 500, currency: 'CNY' } },
    })) as { value: { transactionId: string; timeStamp: string } };
    const refund = (originalTransaction: unknown) => ({
      type: 'invoke',
      deviceId: 'terminal-1',
      command: 'payment.refund',
      args: {
        requestId: 'R-2',
        originalRequestId: 'T-2',
        originalTransaction,
        amount: { minor: 200, currency: 'CNY' },
      },
    });
    expect(await ask('r5', refund({ transactionId: paid.value.transactionId }))).toMatchObject({
      ok: false,
      reason: 'bad-message',
      detail: expect.stringContaining('originalTransaction'),
    });
    const { transactionId, timeStamp } = paid.value;
    expect(await ask('r6', refund({ transactionId, timeStamp }))).toMatchObject({ ok: true });
    expect(sim.charges()[1]).toMatchObject({ minor: 500, reversedMinor: 200 });
    await session.close();
  });

  it('a config without saleId/poiId is refused naming the option', () => {
    const created = registerPaymentTerminalDrivers(new DriverCatalog()).create({
      id: 'terminal-2',
      kind: 'payment-terminal',
      transport: 'http',
      address: 'https://127.0.0.1:8443/nexo',
      protocol: 'nexo-https',
    });
    expect(created).toMatchObject({
      ok: false,
      reason: 'bad-config',
      detail: expect.stringContaining('"saleId"'),
    });
  });
});
