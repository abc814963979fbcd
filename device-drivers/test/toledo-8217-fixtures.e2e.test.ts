import type { RunningSimulator } from '@storefloor/hardware-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../src/transport/serial-transport.js';
import { DIVA_STATUS_BITS, ODOO_TOLEDO_8217 } from './fixtures/toledo-8217.js';
import { LineExchange } from './line-exchange.js';
import { control, devicePath, startSim } from './sim-harness.js';

/**
 * The simulated 8217 scale held against the outside fixtures over a real pty, byte for byte, without the
 * driver's decoder in between: a misreading shared by driver and simulator cannot pass here.
 */
describe('simulated Toledo 8217 scale against Odoo and the DIVA manual, over a pty at 9600 7E1', () => {
  let sim: RunningSimulator;
  let line: LineExchange;
  const id = 'scale-1';
  const endsWithCr = (text: string) => text.endsWith('\r');

  /** The flags a status character carries, read with the manual's table (not with our decoder). */
  const statusBits = (reply: string): string[] => {
    const match = ODOO_TOLEDO_8217.statusRegexp.exec(reply);
    if (!match?.[1]) throw new Error(`not a status reply: ${JSON.stringify(reply)}`);
    const byte = match[1].charCodeAt(0);
    return Object.entries(DIVA_STATUS_BITS)
      .filter(([bit]) => (byte & (1 << Number(bit))) !== 0)
      .map(([, meaning]) => meaning);
  };

  beforeAll(async () => {
    sim = await startSim({ devices: [{ id, kind: 'scale', protocol: 'toledo-8217' }] });
    const transport = new SerialTransport({ path: devicePath(sim, id), ...ODOO_TOLEDO_8217.line });
    expect((await transport.open()).ok).toBe(true);
    line = new LineExchange(transport);
  });

  afterAll(async () => {
    await line?.transport.close();
    await sim?.stop();
  });

  it("answers Odoo's detection probe Ehello with STX E CR hello, and leaves echo mode on F", async () => {
    const { write, readLength, expect: answer, end } = ODOO_TOLEDO_8217.probe;
    const got = await line.ask(write, (text) => text.length >= readLength);
    expect(got.slice(0, readLength)).toBe(answer);
    await line.send(end);
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1250, stable: true });
    const weight = await line.ask(ODOO_TOLEDO_8217.measureCommand, endsWithCr);
    expect(ODOO_TOLEDO_8217.measureRegexp.exec(weight)?.[1]).toBe('01.250');
  });

  it('sends a moving weight as ?A: motion with bit 6 set, which Odoo reads as motion', async () => {
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 100, stable: false });
    const reply = await line.ask('W', endsWithCr);
    expect(reply).toBe('\x02?A\r');
    expect(statusBits(reply)).toEqual(['motion', 'always 1']);
  });

  it('sets bit 6 in every status reply and the matching bit of the table', async () => {
    const cases: Array<[number, boolean, string]> = [
      [20_000, true, 'over-capacity'],
      [-200, true, 'under-zero'],
      [5_000, false, 'motion'],
    ];
    for (const [grams, stable, meaning] of cases) {
      await control(sim, 'PUT', `/devices/${id}/weight`, { grams, stable });
      const bits = statusBits(await line.ask('W', endsWithCr));
      expect(bits).toContain('always 1');
      expect(bits).toContain(meaning);
      expect(bits).not.toContain('even parity');
    }
  });

  it('answers Z, T and C with a status byte, and marks a tared weight N (net)', async () => {
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 0, stable: true });
    expect(statusBits(await line.ask('Z', endsWithCr))).toEqual(['center-of-zero', 'always 1']);
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 300, stable: true });
    expect(statusBits(await line.ask('T', endsWithCr))).toEqual(
      expect.arrayContaining(['net', 'center-of-zero', 'always 1']),
    );
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 1300, stable: true });
    expect(await line.ask('W', endsWithCr)).toBe('\x0201.000N\r');
    expect(ODOO_TOLEDO_8217.measureRegexp.test(line.received)).toBe(true);
    expect(statusBits(await line.ask('C', endsWithCr))).not.toContain('net');
    expect(await line.ask('W', endsWithCr)).toBe('\x0201.300\r');
  });

  it('ignores a command the manual does not list, and reports all confidence tests passed as ?@', async () => {
    await control(sim, 'PUT', `/devices/${id}/weight`, { grams: 0, stable: true });
    line.clear();
    await line.send('X');
    await line.send('B');
    await line.send('W');
    // Nothing for X, then B's answer, then W's: a bad-command reply to X would come first.
    expect(await line.until((text) => text.includes('00.000'))).toBe('\x02?@\r\x0200.000\r');
  });
});
