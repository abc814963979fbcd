/**
 * The live stream must come back by itself, whatever the link did to its connection: seen in simulate-day,
 * where a lane that started while the agent was down kept one stream request pending for the rest of the day
 * (the fault proxy tore its first connection before any answer and undici never settled the request), so
 * that lane never pulled another lane's sale again. Real sockets: the day's fault proxy in front of a port
 * where the upstream is down and then comes up, and an upstream that answers and then falls silent.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../scripts/simulate-day/fault-proxy.js';
import { liveStream } from '../src/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An SSE upstream: RESYNC on every connection, then what `after` does with the response. */
async function upstream(port: number, after: (response: ServerResponse) => void): Promise<Server> {
  const open = new Set<ServerResponse>();
  const server = createServer((_request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: "RESYNC"\n\n');
    after(response);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  cleanups.push(async () => {
    for (const response of open) response.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return server;
}

function follow(url: string, idleTimeoutMs?: number) {
  const seen = { connects: 0, events: 0, errors: [] as string[] };
  const subscription = liveStream(
    { url, collection: 'sales', token: 't', timeoutMs: 1_000, fetch: globalThis.fetch },
    {
      backoff: { initialMs: 100, maxMs: 500 },
      healthyAfterMs: 10_000,
      ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
      onError: (error) => seen.errors.push(error instanceof Error ? error.message : String(error)),
    },
  ).subscribe((event) => {
    if (event === 'RESYNC') seen.connects += 1;
    else seen.events += 1;
  });
  cleanups.push(() => subscription.unsubscribe());
  return seen;
}

describe('the live stream reconnects by itself', () => {
  it('after its first connection was torn by the link before the upstream answered', async () => {
    const port = await freePort();
    const lan = await FaultProxy.start('lan', { host: '127.0.0.1', port }, 1);
    cleanups.push(() => lan.stop());
    // The agent is down: the proxy accepts the lane's connection and drops it at once.
    const seen = follow(lan.url);
    await expect.poll(() => lan.stats.connections, { timeout: 10_000 }).toBeGreaterThan(0);
    await upstream(port, (response) => {
      const timer = setInterval(() => response.write('data: {"documents":[],"checkpoint":null}\n\n'), 100);
      response.on('close', () => clearInterval(timer));
    });
    await expect
      .poll(() => seen.events, { timeout: 15_000, message: `stream errors: ${seen.errors.join(' | ')}` })
      .toBeGreaterThan(0);
  });

  it('when the upstream falls silent, not even sending heartbeats (a half-open connection)', async () => {
    const port = await freePort();
    // Answers, then never writes again and never closes.
    await upstream(port, () => {});
    const seen = follow(`http://127.0.0.1:${port}`, 300);
    await expect.poll(() => seen.connects, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(seen.errors.some((message) => message.includes('not even a heartbeat'))).toBe(true);
  });
});
