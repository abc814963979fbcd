import { err, ok, type Result } from '@storefloor/core';
import { describe, expect, it } from 'vitest';
import { Device } from './device.js';
import { IllegalTransitionError, nextState } from './device-state.js';
import type { DeviceStatus } from './device-status.js';
import { backoffDelay } from './reconnect.js';

/** A device whose physical link is a flag the test flips: enough to exercise the lifecycle rules. */
class FlakyDevice extends Device<string> {
  readonly kind = 'scanner' as const;
  plugged = true;
  connects = 0;
  location() {
    return '/dev/ttyTEST0';
  }
  protected async connect(): Promise<Result<void>> {
    this.connects += 1;
    return this.plugged ? ok(undefined) : err('port-missing', 'no such file', '/dev/ttyTEST0');
  }
  protected async disconnect() {}
  deliver(data: string) {
    this.emitData(data);
  }
  unplug() {
    this.plugged = false;
    this.linkLost();
  }
}

const fast = { initialMs: 5, maxMs: 20, factor: 2 };

describe('device lifecycle', () => {
  it('walks open → claim → enable → disable → release → close', async () => {
    const d = new FlakyDevice({ id: 'd1' });
    expect(d.state).toBe('closed');
    expect((await d.open()).ok).toBe(true);
    await d.claim();
    await d.enable();
    expect(d.state).toBe('enabled');
    await d.disable();
    await d.release();
    await d.close();
    expect(d.state).toBe('closed');
  });

  it('throws on an illegal transition: enable before claim is a bug', async () => {
    const d = new FlakyDevice({ id: 'd1' });
    await d.open();
    await expect(d.enable()).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(d.close()).resolves.toBeUndefined();
    expect(() => nextState('x', 'closed', 'claim')).toThrow(/cannot claim while closed/);
  });

  it('delivers data only while enabled', async () => {
    const d = new FlakyDevice({ id: 'd1' });
    const got: string[] = [];
    d.on('data', (s) => got.push(s));
    await d.open();
    await d.claim();
    d.deliver('dropped');
    await d.enable();
    d.deliver('kept');
    expect(got).toEqual(['kept']);
    await d.shutdown();
    expect(d.state).toBe('closed');
  });

  it('reports a missing port as an offline status naming the path, and connects once it appears', async () => {
    const d = new FlakyDevice({ id: 'd1', backoff: fast });
    d.plugged = false;
    const statuses: DeviceStatus[] = [];
    d.on('status', (s) => statuses.push(s));
    const opened = await d.open();
    expect(opened).toMatchObject({ ok: false, reason: 'port-missing', path: '/dev/ttyTEST0' });
    expect(d.state).toBe('opened');
    expect(statuses[0]).toMatchObject({ health: 'offline', reason: 'port-missing', path: '/dev/ttyTEST0' });
    d.plugged = true;
    await d.once('status').then(async (s) => (s.health === 'online' ? s : d.once('status')));
    expect(d.connected).toBe(true);
    await d.shutdown();
  });

  it('reconnects by itself after the link is lost, and stops trying once closed', async () => {
    const d = new FlakyDevice({ id: 'd1', backoff: fast });
    await d.open();
    await d.claim();
    await d.enable();
    const statuses: DeviceStatus[] = [];
    d.on('status', (s) => statuses.push(s));
    d.unplug();
    expect(statuses[0]).toMatchObject({ health: 'offline', reason: 'device-gone' });
    while (d.connects < 3) await new Promise((r) => setTimeout(r, 5));
    expect(statuses.some((s) => s.health === 'reconnecting')).toBe(true);
    d.plugged = true;
    while (!d.connected) await new Promise((r) => setTimeout(r, 5));
    expect(statuses[statuses.length - 1]).toMatchObject({ health: 'online' });
    expect(d.state).toBe('enabled');
    d.unplug();
    await d.shutdown();
    const after = d.connects;
    await new Promise((r) => setTimeout(r, 60));
    expect(d.connects).toBe(after);
  });

  it('rejects a missing id at construction, naming the option', () => {
    expect(() => new FlakyDevice({ id: '' })).toThrow(/"id"/);
  });

  it('backs off exponentially up to a cap', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, { initialMs: 100, maxMs: 1000, factor: 2 }))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});
