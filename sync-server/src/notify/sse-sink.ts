import type { ServerResponse } from 'node:http';
import type { StreamSink } from './stream-hub.js';

/** A client that stops reading gets disconnected rather than buffered without bound; it reconnects and RESYNCs. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Writes server-sent events (HTML Living Standard §9.2, "Server-sent events"): `data: <json>` lines ended by a
 * blank line; lines starting with `:` are comments, used as heartbeats to keep proxies from closing the socket.
 */
export function openSseSink(response: ServerResponse, origin: string | undefined): StreamSink {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Tells nginx-style proxies not to buffer the stream.
    'x-accel-buffering': 'no',
    ...(origin ? { 'access-control-allow-origin': origin, vary: 'origin' } : {}),
  });
  response.socket?.setNoDelay(true);
  // Reconnection delay hint for EventSource clients, in milliseconds.
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
    send(serialisedEvent) {
      write(`data: ${serialisedEvent}\n\n`);
    },
    heartbeat() {
      write(': keep-alive\n\n');
    },
    close() {
      if (!response.writableEnded) response.end();
      response.socket?.destroy();
    },
  };
}
