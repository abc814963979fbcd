import { type ChildProcess, fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { round } from './initial-pull.js';

interface Ready {
  type: 'ready';
  port: number;
  tokens: string[];
  database: string;
}

interface OpenStream {
  readonly socket: Socket;
  buffer: string;
  receivedAt: number | undefined;
}

function request(child: ChildProcess, message: unknown, reply: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (answer: Record<string, unknown>): void => {
      if (answer.type !== reply) return;
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    child.send(message as never);
  });
}

/** Opens one raw HTTP/1.1 SSE stream and resolves once its first event (RESYNC) arrived. */
function openStream(port: number, token: string, streams: OpenStream[]): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const stream: OpenStream = { socket, buffer: '', receivedAt: undefined };
    let ready = false;
    socket.setNoDelay(true);
    socket.on('error', (error) => (ready ? undefined : reject(error)));
    socket.on('connect', () => {
      socket.write(
        `GET /sync/prices/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      stream.buffer += chunk.toString('latin1');
      if (!ready && stream.buffer.includes('"RESYNC"')) {
        ready = true;
        stream.buffer = '';
        streams.push(stream);
        resolve(stream);
      }
    });
  });
}

async function priceChangeLatencies(
  child: ChildProcess,
  streams: OpenStream[],
  id: string,
): Promise<number[]> {
  for (const stream of streams) {
    stream.buffer = '';
    stream.receivedAt = undefined;
  }
  let remaining = streams.length;
  let done: () => void = () => undefined;
  const allReceived = new Promise<void>((resolve) => {
    done = resolve;
  });
  const listeners = streams.map((stream) => {
    const listener = (chunk: Buffer): void => {
      if (stream.receivedAt !== undefined) return;
      stream.buffer += chunk.toString('latin1');
      if (stream.buffer.includes(id)) {
        stream.receivedAt = performance.now();
        if (--remaining === 0) done();
      }
    };
    stream.socket.on('data', listener);
    return listener;
  });
  const started = performance.now();
  await request(child, { type: 'price-change', id, amount: 199 }, 'price-changed');
  await Promise.race([allReceived, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  streams.forEach((stream, i) => {
    stream.socket.off('data', listeners[i] as (chunk: Buffer) => void);
  });
  return streams.map((stream) =>
    stream.receivedAt === undefined ? Number.POSITIVE_INFINITY : stream.receivedAt - started,
  );
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** Figure 3: one price change fanned out to `target` open streams held by one server instance. */
export async function benchFanout(
  database: 'pglite' | 'postgres',
  target: number,
): Promise<Record<string, unknown>> {
  const child = fork(fileURLToPath(new URL('./fanout-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_DB: database },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve) =>
    child.once('message', (message) => resolve(message as Ready)),
  );
  const streams: OpenStream[] = [];
  try {
    // Baseline: the same price change with a single open stream (median of five).
    await openStream(ready.port, ready.tokens[0] as string, streams);
    const single: number[] = [];
    for (let i = 0; i < 5; i++)
      single.push(...(await priceChangeLatencies(child, streams, `price-single-${i}`)));
    single.sort((a, b) => a - b);
    const baselineMs = single[2] as number;

    const before = (await request(child, { type: 'memory' }, 'memory')) as { usage: NodeJS.MemoryUsage };
    let failure: string | undefined;
    const openStarted = performance.now();
    const CONCURRENT_OPENS = 200;
    while (streams.length < target && !failure) {
      const wave = Math.min(CONCURRENT_OPENS, target - streams.length);
      const results = await Promise.allSettled(
        Array.from({ length: wave }, (_, i) =>
          openStream(ready.port, ready.tokens[(streams.length + i) % ready.tokens.length] as string, streams),
        ),
      );
      const rejected = results.find((result) => result.status === 'rejected');
      if (rejected) failure = String((rejected as PromiseRejectedResult).reason);
    }
    const openMs = performance.now() - openStarted;
    const after = (await request(child, { type: 'memory' }, 'memory')) as {
      usage: NodeJS.MemoryUsage;
      openStreams: number;
    };

    const latencies = (await priceChangeLatencies(child, streams, 'price-fanout')).sort((a, b) => a - b);
    const delivered = latencies.filter(Number.isFinite).length;
    const p99 = percentile(latencies, 99);
    const opened = streams.length;
    return {
      database,
      targetStreams: target,
      openStreams: opened,
      serverReportedOpenStreams: after.openStreams,
      openFailure: failure,
      openAllMs: Math.round(openMs),
      delivered,
      goal: { p99Ms: 2_000 },
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(p99),
      maxMs: round(latencies.at(-1) as number),
      meetsGoal: delivered === opened && p99 <= 2_000 && opened >= target,
      baseline: { name: 'the same price change with one open stream (median of 5)', ms: round(baselineMs) },
      p99RatioToBaseline: round(p99 / baselineMs),
      memoryPerStreamBytes: {
        rss: Math.round((after.usage.rss - before.usage.rss) / (opened - 1)),
        heapUsed: Math.round((after.usage.heapUsed - before.usage.heapUsed) / (opened - 1)),
      },
      serverMemoryBytes: { before: before.usage, after: after.usage },
    };
  } finally {
    for (const stream of streams) stream.socket.destroy();
    await request(child, { type: 'stop' }, 'stopped').catch(() => undefined);
    child.kill();
  }
}
