import type { ServerResponse } from 'node:http';

/** A lane that stops reading is disconnected rather than buffered without bound; it reconnects and RESYNCs. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StreamSink {
  send(serialisedEvent: string): void;
  heartbeat(): void;
  close(): void;
}

/**
 * Server-sent events (HTML Living Standard §9.2): `data: <json>` lines ended by a blank line; lines starting
 * with `:` are comments, sent as heartbeats. The same framing as HQ's live stream.
 */
export function openSseSink(response: ServerResponse): StreamSink {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.socket?.setNoDelay(true);
  response.write('retry: 1000\n\n');
  const write = (chunk: string): void => {
    if (response.destroyed || response.writableEnded) return;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      response.destroy();
      return;
    }
    response.write(chunk);
  };
  return {
    send: (event) => write(`data: ${event}\n\n`),
    heartbeat: () => write(': keep-alive\n\n'),
    close() {
      if (!response.writableEnded) response.end();
      response.socket?.destroy();
    },
  };
}
