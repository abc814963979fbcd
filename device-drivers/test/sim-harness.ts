import type { SimConfig } from '@storefloor/hardware-sim';
import { type RunningSimulator, startSimulator } from '@storefloor/hardware-sim';
import type { Device, DeviceEvents } from '../src/device/device.js';

/** Starts hardware-sim on an ephemeral port for one test file. */
export async function startSim(config: SimConfig): Promise<RunningSimulator> {
  return startSimulator({ config, port: 0 });
}

export async function control(sim: RunningSimulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function devicePath(sim: RunningSimulator, id: string): string {
  const path = sim.registry.get(id)?.endpoint().path;
  if (!path) throw new Error(`no pty path for ${id}`);
  return path;
}

/** Collects every event a device emits, and waits for one matching a predicate (no timing asserts). */
export function record<T>(device: Device<T>) {
  const events: Array<
    { [K in keyof DeviceEvents<T>]: { type: K; payload: DeviceEvents<T>[K] } }[keyof DeviceEvents<T>]
  > = [];
  const waiters: Array<() => void> = [];
  const push = () => {
    for (const w of waiters.splice(0)) w();
  };
  device.on('data', (payload) => {
    events.push({ type: 'data', payload });
    push();
  });
  device.on('status', (payload) => {
    events.push({ type: 'status', payload });
    push();
  });
  device.on('error', (payload) => {
    events.push({ type: 'error', payload });
    push();
  });
  return {
    events,
    /** Resolves with the first event (at or after index `from`) that matches. */
    async until(match: (event: (typeof events)[number]) => boolean, from = 0, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(match);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching event; got ${JSON.stringify(events.slice(from))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}
