import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CartLinkEvent, CartLinkServer } from '@storefloor/device-drivers';
import { SimSmartCart } from '@storefloor/hardware-sim';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteCartLinkState } from './cart-link-state.js';

vi.setConfig({ expect: { poll: { timeout: 10_000 } }, testTimeout: 30_000 });

describe('cart link sequence state in the agent SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cart-link-state-'));
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function edge(port: number, events: CartLinkEvent[]) {
    const db = new Database(join(dir, 'agent.sqlite'));
    const server = new CartLinkServer({
      id: 'cart-link',
      port,
      heartbeatMs: 1000,
      reconnect: false,
      linkState: new SqliteCartLinkState(db),
    });
    server.on('data', (e) => events.push(e));
    expect((await server.open()).ok).toBe(true);
    await server.claim();
    await server.enable();
    return { server, db };
  }

  it('a cart resuming after an agent restart carries on: nothing lost, nothing twice, no reconnect loop', async () => {
    const before: CartLinkEvent[] = [];
    const first = await edge(0, before);
    const port = Number(new URL(first.server.location()).port);
    const cart = new SimSmartCart({
      id: 'cart-1',
      url: first.server.location(),
      reconnectDelayMs: 50,
      heartbeatMs: 500,
    });
    cleanup.push(() => cart.stop());
    await cart.start();
    const sessionId = cart.startSession();
    await cart.scan('A');
    await cart.scan('B');
    await expect.poll(() => before.filter((e) => e.kind === 'cart-event').length).toBe(3);
    await expect.poll(() => cart.unacknowledged().length).toBe(0);
    // A command the cart has not acknowledged when the agent goes down is sent again after the restart.
    first.server.send('cart-1', {
      type: 'checkout-result',
      sessionId,
      outcome: 'needs-attendant',
      reason: 'weight-mismatch',
    });
    await first.server.shutdown();
    first.db.close();

    await cart.scan('C');
    const after: CartLinkEvent[] = [];
    const second = await edge(port, after);
    cleanup.push(async () => {
      await second.server.shutdown();
      second.db.close();
    });
    await cart.whenConnected();
    await expect.poll(() => after.filter((e) => e.kind === 'cart-event').length).toBe(1);
    await cart.scan('D');
    await expect.poll(() => after.filter((e) => e.kind === 'cart-event').length).toBe(2);
    const delivered = after.flatMap((e) =>
      e.kind === 'cart-event' ? [[e.seq, e.event.type === 'item-scanned' ? e.event.code : e.event.type]] : [],
    );
    expect(delivered).toEqual([
      [4, 'C'],
      [5, 'D'],
    ]);
    expect(after.some((e) => e.kind === 'cart-disconnected' && e.reason === 'sequence-gap')).toBe(false);
    expect(after.filter((e) => e.kind === 'cart-connected')).toHaveLength(1);
    await expect.poll(() => cart.received().length).toBeGreaterThanOrEqual(1);
    expect(cart.received()).toEqual([
      { type: 'checkout-result', sessionId, outcome: 'needs-attendant', reason: 'weight-mismatch' },
    ]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});
