import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EcrLinkItem, EcrLinkReader, frameEcrPayload } from './ecr-link-reader.js';
import { SimPaymentTerminal } from './sim-payment-terminal.js';

// Shared machine: socket waits poll generously; nothing here passes or fails by timing.
vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

const purchase = (requestId: string, minor = 1299) =>
  frameEcrPayload(
    new TextEncoder().encode(
      JSON.stringify({
        v: 1,
        type: 'purchase',
        requestId,
        amount: { minor, currency: 'EUR' },
        method: 'card',
      }),
    ),
  );

/** A raw ECR: a TCP socket that records every item the terminal sends back. */
async function rawEcr(port: number): Promise<{ socket: Socket; items: EcrLinkItem[] }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const reader = new EcrLinkReader();
  const items: EcrLinkItem[] = [];
  socket.on('data', (chunk: Buffer) => items.push(...reader.read(new Uint8Array(chunk))));
  return { socket, items };
}

const message = (fields: Record<string, unknown>) =>
  frameEcrPayload(new TextEncoder().encode(JSON.stringify({ v: 1, ...fields })));

const results = (items: EcrLinkItem[]) =>
  items.flatMap((i) =>
    i.kind === 'frame' ? [JSON.parse(new TextDecoder().decode(i.payload)) as Record<string, unknown>] : [],
  );
const answers = (items: EcrLinkItem[]) => items.flatMap((i) => (i.kind === 'answer' ? [i.answer] : []));

describe('simulated payment terminal on a raw link', () => {
  let sim: SimPaymentTerminal;
  let ecr: { socket: Socket; items: EcrLinkItem[] };

  beforeEach(async () => {
    sim = new SimPaymentTerminal({ id: 'terminal-raw' });
    await sim.start();
    ecr = await rawEcr(sim.endpoint().port as number);
  });

  afterEach(async () => {
    ecr.socket.destroy();
    await sim.stop();
  });

  it('NAKs a corrupted frame, ignores line noise, and charges once for the good frame that follows', async () => {
    const corrupted = purchase('tender-1');
    corrupted[corrupted.length - 1] = (corrupted.at(-1) as number) ^ 0x5a;
    ecr.socket.write(Buffer.concat([Buffer.from('noise\r\n'), corrupted, purchase('tender-1')]));
    await expect.poll(() => results(ecr.items).length).toBe(1);
    expect(answers(ecr.items)).toEqual(['nak', 'ack']);
    expect(results(ecr.items)[0]).toMatchObject({
      v: 1,
      type: 'result',
      requestId: 'tender-1',
      outcome: 'approved',
    });
    expect(sim.charges()).toHaveLength(1);
    expect(sim.linkFaults().map((f) => f.fault)).toEqual(['stray-bytes', 'bad-lrc', 'stray-bytes']);
  });

  it('abandons a truncated frame once a complete frame follows, and answers that one', async () => {
    ecr.socket.write(purchase('tender-2'));
    await expect.poll(() => results(ecr.items).length).toBe(1);
    // The cable drops mid-frame: 30 of 110 bytes; then the ECR asks for the status of tender-2.
    ecr.socket.write(purchase('tender-lost').subarray(0, 30));
    ecr.socket.write(
      frameEcrPayload(new TextEncoder().encode('{"v":1,"type":"status","requestId":"tender-2"}')),
    );
    await expect.poll(() => results(ecr.items).length).toBe(2);
    expect(results(ecr.items)[1]).toEqual(results(ecr.items)[0]);
    expect(sim.transactions().map((t) => t.requestId)).toEqual(['tender-2']);
    expect(sim.linkFaults().map((f) => f.fault)).toEqual(['abandoned']);
  });

  it('acknowledges and ignores a well-framed message it cannot use, then serves the next', async () => {
    const junk = frameEcrPayload(new TextEncoder().encode('{"v":1,"type":"purchase","requestId":"x"}'));
    ecr.socket.write(Buffer.concat([junk, purchase('tender-3')]));
    await expect.poll(() => results(ecr.items).length).toBe(1);
    expect(answers(ecr.items)).toEqual(['ack', 'ack']);
    expect(sim.linkFaults()).toMatchObject([{ fault: 'ecr-missing-field', detail: 'amount' }]);
  });

  it('sends the same result frame again when the ECR answers NAK (PROTOCOL.md §2)', async () => {
    ecr.socket.write(purchase('tender-4'));
    await expect.poll(() => results(ecr.items).length).toBe(1);
    ecr.socket.write(Uint8Array.of(0x15));
    await expect.poll(() => results(ecr.items).length).toBe(2);
    expect(results(ecr.items)[1]).toEqual(results(ecr.items)[0]);
    expect(sim.charges()).toHaveLength(1);
  });

  it('a customer who takes their time: in-progress, busy for others, then approved on status (PROTOCOL.md §3)', async () => {
    sim.injectFault('customer-slow');
    ecr.socket.write(purchase('tender-5'));
    await expect.poll(() => results(ecr.items).at(-1)?.outcome).toBe('in-progress');
    ecr.socket.write(purchase('tender-other'));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'tender-other', outcome: 'busy' });
    expect(sim.customerActs('approved')).toBe(true);
    ecr.socket.write(message({ type: 'status', requestId: 'tender-5' }));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'tender-5', outcome: 'approved' });
    expect(sim.charges().map((c) => c.requestId)).toEqual(['tender-5']);
  });

  it('cancel stops a waiting request and answers with its own requestId; too late, it says what happened', async () => {
    sim.injectFault('customer-slow');
    ecr.socket.write(purchase('tender-6'));
    await expect.poll(() => results(ecr.items).at(-1)?.outcome).toBe('in-progress');
    ecr.socket.write(message({ type: 'cancel', requestId: 'cancel-1', targetRequestId: 'tender-6' }));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toEqual({
        v: 1,
        type: 'result',
        requestId: 'cancel-1',
        outcome: 'cancelled',
      });
    ecr.socket.write(message({ type: 'status', requestId: 'tender-6' }));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'tender-6', outcome: 'cancelled' });
    expect(sim.customerActs()).toBe(false);
    ecr.socket.write(purchase('tender-7'));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'tender-7', outcome: 'approved' });
    ecr.socket.write(message({ type: 'cancel', requestId: 'cancel-2', targetRequestId: 'tender-7' }));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'cancel-2', outcome: 'approved' });
    ecr.socket.write(message({ type: 'cancel', requestId: 'cancel-3', targetRequestId: 'never-seen' }));
    await expect
      .poll(() => results(ecr.items).at(-1))
      .toMatchObject({ requestId: 'cancel-3', outcome: 'unknown-request' });
    expect(sim.charges().map((c) => c.requestId)).toEqual(['tender-7']);
  });

  it('approves a waiting customer by itself after customerDelayMs', async () => {
    const quick = new SimPaymentTerminal({ id: 'terminal-quick', customerDelayMs: 20 });
    await quick.start();
    const link = await rawEcr(quick.endpoint().port as number);
    try {
      quick.injectFault('customer-slow');
      link.socket.write(purchase('tender-8'));
      await expect.poll(() => quick.charges().map((c) => c.requestId)).toEqual(['tender-8']);
      expect(results(link.items)[0]).toMatchObject({ outcome: 'in-progress' });
    } finally {
      link.socket.destroy();
      await quick.stop();
    }
  });
});
