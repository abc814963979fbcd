/**
 * The store's device host on the agent's LAN server: devices from a file validated at start, clients
 * admitted by their own token over WebSocket, speaking device-drivers' host message protocol.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type EdgeAgent, startEdgeAgent } from '../src/index.js';
import { HqServer } from './support/hq-server.js';

const KIOSK_TOKEN = 'kiosk-7-token-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the store device host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-devices-'));
  let hq: HqServer;
  let agent: EdgeAgent;
  const file = join(dir, 'devices.json');

  beforeAll(async () => {
    hq = await HqServer.start(dir);
    await hq.createStore('store-0042');
    writeFileSync(
      file,
      JSON.stringify({
        devices: [
          {
            id: 'door-scanner',
            kind: 'scanner',
            transport: 'tcp',
            address: '127.0.0.1:9',
            protocol: 'aim-serial',
          },
        ],
        clients: [{ id: 'kiosk-7', tokenSha256: sha256(KIOSK_TOKEN) }],
      }),
    );
    agent = await startEdgeAgent({
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      lanPort: 0,
      logger: false,
      enrollmentCode: await hq.enrollmentCode('store-0042', 'store-hub'),
      devicesFile: file,
    });
  });
  afterAll(async () => {
    await agent?.close();
    await hq?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const connect = (token?: string) =>
    new WebSocket(
      `${agent.url.replace('http', 'ws')}/devices${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    );

  it('lists the configured devices to a client with its token', async () => {
    const socket = connect(KIOSK_TOKEN);
    const reply = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'list', requestId: 'r1' })));
      socket.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
      socket.once('error', reject);
    });
    socket.close();
    expect(reply).toMatchObject({
      type: 'reply',
      requestId: 'r1',
      result: { ok: true, value: [{ id: 'door-scanner', kind: 'scanner' }] },
    });
  });

  it('refuses a client without a token or with a wrong one (401)', async () => {
    for (const token of [undefined, 'not-the-kiosk-token']) {
      const status = await new Promise<number>((resolve) => {
        const socket = connect(token);
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('open', () => resolve(101));
        socket.once('error', () => undefined);
      });
      expect(status).toBe(401);
    }
  });

  it('fails at start on a bad device file, naming the file and the option', async () => {
    const bad = join(dir, 'bad-devices.json');
    writeFileSync(
      bad,
      JSON.stringify({
        devices: [
          { id: 'x', kind: 'toaster', transport: 'tcp', address: '127.0.0.1:9', protocol: 'aim-serial' },
        ],
        clients: [],
      }),
    );
    await expect(
      startEdgeAgent({
        hqUrl: hq.url,
        dataDir: join(dir, 'agent-bad'),
        lanPort: 0,
        logger: false,
        devicesFile: bad,
      }),
    ).rejects.toThrow(/bad-devices\.json: devices\[0\]\.kind/);
    writeFileSync(bad, JSON.stringify({ devices: [], clients: [{ id: 'k', tokenSha256: 'abc' }] }));
    await expect(
      startEdgeAgent({
        hqUrl: hq.url,
        dataDir: join(dir, 'agent-bad'),
        lanPort: 0,
        logger: false,
        devicesFile: bad,
      }),
    ).rejects.toThrow(/clients\[0\]\.tokenSha256/);
  });
});
