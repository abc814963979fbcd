import type { Server, Socket } from 'node:net';

/** Listens on `port` (0 = ephemeral) and resolves once bound; a bind failure (port in use) rejects. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops a simulated device's server the way unplugging it would: every open connection is cut at once
 * rather than waiting for clients to hang up, then the listener closes.
 */
export async function unplug(server: Server | undefined, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
