import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { DeviceHost } from './device-host.js';

export interface WsHostOptions {
  /** Attach to an existing HTTP server (edge agent), or listen on its own port. */
  readonly server?: Server;
  readonly port?: number;
  readonly host?: string;
  readonly path?: string;
  /** Decides from the upgrade request (its token) whether a client may connect; refused ones get a 401. */
  readonly verifyClient?: (request: IncomingMessage) => boolean;
}

/** Offers a DeviceHost over WebSocket: one session per connection, JSON text frames both ways. */
export function serveDeviceHostOverWs(host: DeviceHost, options: WsHostOptions): WebSocketServer {
  const check = options.verifyClient;
  const verifyClient = check
    ? (info: { req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) =>
        check(info.req) ? done(true) : done(false, 401, 'Unauthorized')
    : undefined;
  const wss = options.server
    ? new WebSocketServer({
        server: options.server,
        path: options.path ?? '/devices',
        ...(verifyClient ? { verifyClient } : {}),
      })
    : new WebSocketServer({
        port: options.port ?? 0,
        host: options.host ?? '127.0.0.1',
        path: options.path ?? '/devices',
        ...(verifyClient ? { verifyClient } : {}),
      });
  wss.on('connection', (socket) => {
    const session = host.connect();
    session.onMessage((message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    });
    socket.on('message', (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString());
      } catch {
        parsed = undefined;
      }
      void session.send(parsed);
    });
    socket.on('close', () => void session.close());
  });
  return wss;
}
