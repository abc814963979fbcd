import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NCI_LINE } from '../src/scale/nci-codec.js';
import { SerialTransport } from '../src/transport/serial-transport.js';
import { SCP_COMMANDS, SCP_STATUS_TABLE } from './fixtures/nci-scp.js';
import { LineExchange } from './line-exchange.js';
import { control, devicePath, startSim } from './sim-harness.js';

/**
 * The simulated NCI scale held against the SCP-01 documents over a real pty, byte for byte, read with the
 * documents' grammar and bit table (not with the driver's decoder).
 */
const ETX = String.fromCharCode(0x03);
const REPLY = new RegExp(`^\n(?:([^\r]*)\r\n)?(S?)([0-\u007f]+)\r${ETX}$`);
const endsWithEtx = (text: string) => text.endsWith('\x03');

function parse(reply: string) {
  const match = REPLY.exec(reply);
  if (!match) throw new Error(`not an SCP-01 reply: ${JSON.stringify(reply)}`);
  const status = [...(match[3] ?? '')].map((c) => c.charCodeAt(0));
  const flags: string[] = [];
  status.forEach((byte, index) => {
    const table = SCP_STATUS_TABLE[(index + 1) as keyof typeof SCP_STATUS_TABLE] as Record<number, string>;
    for (let bit = 0; bit < 4; bit += 1) {
      const meaning = table?.[bit];
      if (byte & (1 << bit) && meaning) flags.push(meaning);
    }
  });
  const follows = status.map((byte) => (byte & 0x40) !== 0);
  return { weight: match[1], prefix: match[2], status, flags, follows };
}

const scales = [
  { id: 'scale-kg', options: {} },
  { id: 'scale-lb', options: { unit: 'lb', statusPrefix: true } },
  { id: 'scale-lboz', options: { unit: 'lb-oz', statusBytes: 2 } },
  { id: 'scale-lower', options: { unit: 'lb', lowerCaseUnits: true, statusBytes: 2 } },
];

describe('simulated NCI scale against the SCP-01 documents, over ptys at 9600 7E1', () => {
  let sim: RunningSimulator;
  const lines = new Map<string, LineExchange>();
  const line = (id: string) => lines.get(id) as LineExchange;
  const weigh = async (id: string, grams: number, stable = true) => {
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams, stable });
    return parse(await line(id).ask(SCP_COMMANDS.weigh, endsWithEtx));
  };

  beforeAll(async () => {
    sim = await startSim({ devices: scales.map((s) => ({ ...s, kind: 'scale', protocol: 'nci' })) });
    for (const { id } of scales) {
      const transport = new SerialTransport({ path: devicePath(sim, id), ...NCI_LINE });
      expect((await transport.open()).ok).toBe(true);
      lines.set(id, new LineExchange(transport));
    }
  });

  afterAll(async () => {
    for (const l of lines.values()) await l.transport.close();
    await sim?.stop();
  });

  it('sends upper-case units and a six-character weight field (DIVA p. 35-36)', async () => {
    expect((await weigh('scale-kg', 1250)).weight).toBe('01.250KG');
    expect((await weigh('scale-lb', 1247)).weight).toBe('002.75LB');
    expect((await weigh('scale-lboz', 1262)).weight).toBe('02LB 12.5OZ');
    expect((await weigh('scale-lower', 1247)).weight).toBe('002.75lb');
  });

  it('puts S before the status when configured like the DIVA scale, and none otherwise', async () => {
    expect((await weigh('scale-lb', 500)).prefix).toBe('S');
    expect((await weigh('scale-kg', 500)).prefix).toBe('');
  });

  it('keeps bits 4 and 5 set, chains status bytes with bit 6, and says net in byte 3 after a tare', async () => {
    const gross = await weigh('scale-kg', 0);
    expect(gross.status.every((b) => (b & 0x30) === 0x30)).toBe(true);
    expect(gross.follows).toEqual([false, true, false]);
    expect(gross.flags).toEqual(['at-zero']);
    await control(sim, 'PUT', '/devices/scale-kg/weight', { grams: 200, stable: true });
    parse(await line('scale-kg').ask(SCP_COMMANDS.tare, endsWithEtx));
    const net = await weigh('scale-kg', 1200);
    expect(net.weight).toBe('01.000KG');
    expect(net.flags).toContain('net');
    const cleared = parse(await line('scale-kg').ask('C\r', endsWithEtx));
    expect(cleared.flags).not.toContain('net');
    expect((await weigh('scale-kg', 1200)).weight).toBe('01.200KG');
    expect((await weigh('scale-lboz', 100)).follows).toEqual([false, false]);
  });

  it('answers motion, over and under capacity with the status alone (DIVA p. 36)', async () => {
    const moving = await weigh('scale-kg', 800, false);
    expect(moving.weight).toBeUndefined();
    expect(moving.flags).toContain('motion');
    expect((await weigh('scale-kg', 20_000)).flags).toContain('over-capacity');
    expect((await weigh('scale-kg', -50)).flags).toContain('under-zero');
  });

  it('answers S and Z with the status, and an unknown command with <LF>?<CR><ETX>', async () => {
    await control(sim, 'PUT', '/devices/scale-kg/weight', { grams: 0, stable: true });
    expect(parse(await line('scale-kg').ask(SCP_COMMANDS.status, endsWithEtx)).weight).toBeUndefined();
    expect(parse(await line('scale-kg').ask(SCP_COMMANDS.zero, endsWithEtx)).flags).toContain('at-zero');
    expect(await line('scale-kg').ask('Q\r', endsWithEtx)).toBe('\n?\r\x03');
  });
});
