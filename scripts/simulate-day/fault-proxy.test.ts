import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from './fault-proxy.js';
import { faultSchedule, lastFaultEndMs } from './fault-schedule.js';

/** An echo server: what the proxy passes on comes back. */
let echo: Server;
let port = 0;
const echoed = new Set<Socket>();
beforeAll(async () => {
  echo = createServer((socket) => {
    echoed.add(socket);
    socket.on('close', () => echoed.delete(socket));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  port = (echo.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of echoed) socket.destroy();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

function connect(proxy: FaultProxy): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(proxy.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function roundTrip(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const onData = (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= text.length) {
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed after "${got}"`)));
    socket.write(text);
  });
}

describe('the fault proxy', () => {
  it('passes bytes both ways when healthy, and slows them under a delay', async () => {
    const proxy = await FaultProxy.start('test', { host: '127.0.0.1', port }, 1);
    const socket = await connect(proxy);
    expect(await roundTrip(socket, 'hello')).toBe('hello');
    proxy.set({ delayMs: 150 });
    const started = performance.now();
    expect(await roundTrip(socket, 'slow')).toBe('slow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290); // once each way
    socket.destroy();
    await proxy.stop();
  });

  it('cuts every open connection in an outage and resets new ones until it heals', async () => {
    const proxy = await FaultProxy.start('test', { host: '127.0.0.1', port }, 2);
    const socket = await connect(proxy);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    proxy.set({ outage: true });
    await closed;
    const refused = await new Promise<string>((resolve) => {
      const next = createConnection(proxy.port, '127.0.0.1');
      next.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      next.once('close', () => resolve('closed'));
    });
    expect(['ECONNRESET', 'closed']).toContain(refused);
    expect(proxy.stats.reset).toBe(1);
    proxy.heal();
    const again = await connect(proxy);
    expect(await roundTrip(again, 'back')).toBe('back');
    again.destroy();
    await proxy.stop();
  });

  it('stalls a dropped path and delivers what it held back once the link heals', async () => {
    const proxy = await FaultProxy.start('test', { host: '127.0.0.1', port }, 3);
    proxy.set({ dropShare: 1 });
    const socket = await connect(proxy);
    let got = '';
    socket.on('data', (chunk) => {
      got += chunk.toString();
    });
    socket.write('held');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got).toBe('');
    proxy.heal();
    await expect.poll(() => got).toBe('held');
    expect(proxy.stats.dropped).toBeGreaterThanOrEqual(1);
    socket.destroy();
    await proxy.stop();
  });

  it('cuts connections mid-stream under a cut fault', async () => {
    const proxy = await FaultProxy.start('test', { host: '127.0.0.1', port }, 4);
    proxy.set({ cutShare: 1 });
    const socket = await connect(proxy);
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Each chunk risks the cut: keep talking until the line goes dead.
    const talking = setInterval(() => socket.write('x'.repeat(100)), 5);
    await closed;
    clearInterval(talking);
    expect(proxy.stats.cut).toBeGreaterThanOrEqual(1);
    await proxy.stop();
  });
});

describe('the fault schedule', () => {
  it('is the same for the same seed, gives both links every kind of fault, and kills everything once', () => {
    const options = {
      seed: 42,
      spanMs: 60_000,
      lanes: 2,
      linkFaults: 8,
      kills: 5,
      maxOutageMs: 120_000,
      killEverything: true,
    };
    const a = faultSchedule(options);
    expect(faultSchedule(options)).toEqual(a);
    expect(faultSchedule({ ...options, seed: 43 })).not.toEqual(a);
    const kinds = (link: 'lan' | 'wan') =>
      a.flatMap((e) => (e.kind === 'link' && e.link === link ? Object.keys(e.faults) : [])).sort();
    expect(kinds('lan')).toEqual(['cutShare', 'delayMs', 'dropShare', 'outage']);
    expect(kinds('wan')).toEqual(['cutShare', 'delayMs', 'dropShare', 'outage']);
    expect(a.filter((e) => e.kind === 'kill' && e.target === 'all')).toHaveLength(1);
    expect(a.map((e) => e.atMs)).toEqual([...a.map((e) => e.atMs)].sort((x, y) => x - y));
    expect(lastFaultEndMs(a)).toBeGreaterThan(Math.max(...a.map((e) => e.atMs)));
  });
});
