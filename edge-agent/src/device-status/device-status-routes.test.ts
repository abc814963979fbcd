import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneRegistry } from '../lan/lane-registry.js';
import { type AgentDatabase, openAgentDatabase } from '../state/agent-database.js';
import { deviceStatusRoutes } from './device-status-routes.js';
import { LaneDeviceBoard } from './lane-device-board.js';

describe("lanes' device state at the edge", () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-devices-'));
  let db: AgentDatabase;
  let app: FastifyInstance;
  let now = 1_000_000;
  const lane1 = { authorization: 'Bearer lane-1-token' };

  beforeAll(async () => {
    db = openAgentDatabase(dir);
    const registry = new LaneRegistry(db);
    registry.enroll({ deviceId: 'lane-1', storeId: 'store-1', token: 'lane-1-token', label: 'Lane 1' });
    registry.enroll({ deviceId: 'lane-2', storeId: 'store-1', token: 'lane-2-token', label: 'Lane 2' });
    registry.enroll({ deviceId: 'other', storeId: 'store-2', token: 'other-token' });
    app = Fastify();
    deviceStatusRoutes(app, {
      registry,
      storeId: () => 'store-1',
      storeDevices: () => [
        { id: 'door-scale', kind: 'scale', state: 'enabled', status: { health: 'online' }, location: 'COM3' },
      ],
      board: new LaneDeviceBoard(() => now),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const report = (headers: Record<string, string>, payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/lanes/devices', headers, payload: payload as object });
  const devices = async () =>
    (await app.inject({ method: 'GET', url: '/api/devices', headers: lane1 })).json() as {
      lanes: { deviceId: string; online: boolean; receivedAt?: number; devices?: { reason?: string }[] }[];
      store: { configured: boolean; devices: { id: string }[] };
    };

  it("keeps each lane's last report with when it came, and says offline after 90 s of silence", async () => {
    const posted = await report(lane1, {
      hostConnected: true,
      devices: [
        {
          role: 'printer',
          deviceId: 'printer',
          health: 'offline',
          reason: 'paper-out',
          path: 'tcp://p:9100',
        },
        { role: 'scanner', deviceId: 'scanner', health: 'online' },
      ],
    });
    expect(posted.statusCode).toBe(200);
    let view = await devices();
    // Every lane of this store is listed, the other store's is not; lane 2 never reported.
    expect(view.lanes.map((l) => [l.deviceId, l.online])).toEqual([
      ['lane-1', true],
      ['lane-2', false],
    ]);
    expect(view.lanes[0]?.receivedAt).toBe(1_000_000);
    expect(view.lanes[0]?.devices?.[0]?.reason).toBe('paper-out');
    expect(view.store).toEqual({
      configured: true,
      devices: [expect.objectContaining({ id: 'door-scale' })],
    });
    now += 90_000;
    expect((await devices()).lanes[0]?.online).toBe(true);
    now += 1;
    view = await devices();
    expect(view.lanes[0]?.online).toBe(false);
    expect(view.lanes[0]?.devices?.[0]?.reason).toBe('paper-out');
  });

  it('refuses a body its schema does not allow, a missing or unknown token, and another store', async () => {
    const bad = await report(lane1, {
      hostConnected: true,
      devices: [{ role: 'printer', health: 'on fire' }],
    });
    expect(bad.statusCode).toBe(400);
    const before = (await devices()).lanes[0]?.receivedAt;
    expect(before).toBe(1_000_000);
    expect((await report({}, { hostConnected: true, devices: [] })).json().error.code).toBe('unauthorized');
    expect(
      (await report({ authorization: 'Bearer nobody' }, { hostConnected: true, devices: [] })).statusCode,
    ).toBe(401);
    const foreign = await report(
      { authorization: 'Bearer other-token' },
      { hostConnected: true, devices: [] },
    );
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([403, 'store-forbidden']);
    expect((await app.inject({ method: 'GET', url: '/api/devices' })).statusCode).toBe(401);
  });
});
