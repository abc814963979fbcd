import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntryDoc, EmployeeDoc } from '@storefloor/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneRegistry } from '../lan/lane-registry.js';
import type { LaneDocuments, PushRow } from '../replica/lane-document-store.js';
import { type AgentDatabase, openAgentDatabase } from '../state/agent-database.js';
import { AlertBoard } from './alert-board.js';
import { pinMatches } from './attendant-pin.js';
import { selfCheckoutRoutes } from './self-checkout-routes.js';

const STORE = 'store-1';

/** A PHC scrypt string as HQ writes it (sync-server's pin-hash), at a low cost for the test. */
function phc(pin: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`;
}

function employee(id: string, roles: EmployeeDoc['roles'], pin: string): EmployeeDoc {
  return {
    id,
    storeId: STORE,
    name: id,
    roles,
    pinHash: phc(pin),
    badgeCode: '',
    active: true,
    updatedAt: 1,
  } as EmployeeDoc;
}

describe('self-checkout alerts at the edge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-sco-'));
  let db: AgentDatabase;
  let app: FastifyInstance;
  const audit: AuditEntryDoc[] = [];
  const staff = new Map<string, EmployeeDoc>();
  const kiosk = { authorization: 'Bearer kiosk-token' };
  const attendantScreen = { authorization: 'Bearer attendant-token' };

  beforeAll(async () => {
    db = openAgentDatabase(dir);
    const registry = new LaneRegistry(db);
    registry.enroll({ deviceId: 'kiosk-1', storeId: STORE, token: 'kiosk-token', label: 'Kiosk 1' });
    registry.enroll({ deviceId: 'att-1', storeId: STORE, token: 'attendant-token' });
    registry.enroll({ deviceId: 'other', storeId: 'store-2', token: 'other-store-token' });
    for (const e of [
      employee('sup-mia', ['supervisor'], '1357'),
      employee('sup-ola', ['supervisor'], '2468'),
      employee('cash-bo', ['cashier'], '1111'),
    ])
      staff.set(e.id, e);
    const documents: LaneDocuments = {
      pull: async () => ({ ok: true, documents: [], checkpoint: null }),
      push: async (name, lane, rows: readonly PushRow[]) => {
        expect(name).toBe('audit_entries');
        for (const row of rows) {
          const { _deleted, ...doc } = row.newDocumentState as unknown as AuditEntryDoc & {
            _deleted: boolean;
          };
          expect(doc.deviceId).toBe(lane.deviceId);
          audit.push(doc);
        }
        return { ok: true, conflicts: [], written: rows.length };
      },
    };
    app = Fastify();
    await selfCheckoutRoutes(app, {
      board: new AlertBoard(db),
      registry,
      documents,
      agent: () => ({ storeId: STORE, deviceId: 'edge-agent' }),
      employee: async (id) => staff.get(id),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const raise = (id: string, headers = kiosk) =>
    app.inject({
      method: 'POST',
      url: '/api/self-checkout/alerts',
      headers,
      payload: {
        id,
        kind: 'unexpected-item',
        saleId: 'sale-1',
        kioskLabel: 'Kiosk 1',
        facts: { acceptedGrams: 1040, readingGrams: 1540, deltaGrams: 500 },
      },
    });
  const resolve = (id: string, employeeId: string, pin: string, decision = 'approve') =>
    app.inject({
      method: 'POST',
      url: `/api/self-checkout/alerts/${id}/resolve`,
      headers: attendantScreen,
      payload: { employeeId, pin, decision },
    });

  it('checks PINs against HQ-style PHC scrypt hashes', async () => {
    const hash = phc('9876');
    expect(await pinMatches('9876', hash)).toBe(true);
    expect(await pinMatches('9875', hash)).toBe(false);
    expect(await pinMatches('9876', 'not-a-hash')).toBe(false);
  });

  it('needs a device token of the store', async () => {
    expect((await app.inject({ url: '/api/self-checkout/alerts' })).json().error.code).toBe('unauthorized');
    const other = await app.inject({
      url: '/api/self-checkout/alerts',
      headers: { authorization: 'Bearer other-store-token' },
    });
    expect(other.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/self-checkout/alerts',
      headers: kiosk,
      payload: { id: 'a', kind: 'free-beer' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('raises once per id, lists it live on another device, and an attendant approves it', async () => {
    const stream = await fetch(
      `${app.listeningOrigin}/api/self-checkout/alerts/stream?token=attendant-token`,
    );
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: { alerts: { id: string }[]; changed?: { id: string; status: string } }[] = [];
    let buffer = '';
    const next = async () => {
      for (;;) {
        const block = buffer.indexOf('\n\n');
        if (block >= 0) {
          const frame = buffer.slice(0, block);
          buffer = buffer.slice(block + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) {
            events.push(JSON.parse(data.slice(6)));
            return events.at(-1)!;
          }
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    expect((await next()).alerts).toEqual([]);
    expect((await raise('alert-1')).statusCode).toBe(201);
    expect((await raise('alert-1')).statusCode).toBe(200);
    const live = await next();
    expect(live.alerts.map((a) => a.id)).toEqual(['alert-1']);
    const notAttendant = await resolve('alert-1', 'cash-bo', '1111');
    expect(notAttendant.json().error.code).toBe('not-an-attendant');
    const ok = await resolve('alert-1', 'sup-mia', '1357');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', resolvedBy: 'sup-mia', resolvedFrom: 'att-1' });
    const answered = await next();
    expect(answered).toMatchObject({ alerts: [], changed: { id: 'alert-1', status: 'approved' } });
    expect((await resolve('alert-1', 'sup-mia', '1357')).json().error.code).toBe('alert-not-open');
    await reader.cancel();
    expect(audit.map((a) => a.action)).toEqual([
      'self-checkout.alert-raised',
      'self-checkout.alert-approved',
    ]);
    expect(audit[0]).toMatchObject({
      deviceId: 'edge-agent',
      subjectCollection: 'sales',
      subjectId: 'sale-1',
      facts: { alertId: 'alert-1', deltaGrams: 500, kioskDeviceId: 'kiosk-1' },
    });
    expect(audit[1]).toMatchObject({ employeeId: 'sup-mia', approvedBy: 'sup-mia' });
  });

  it('locks an attendant after five wrong PINs, audited, while another attendant still can answer', async () => {
    audit.length = 0;
    await raise('alert-2');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await resolve('alert-2', 'sup-ola', '0000')).json().error.code);
    expect(codes).toEqual(['pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'attendant-locked']);
    const right = await resolve('alert-2', 'sup-ola', '2468');
    expect(right.statusCode).toBe(423);
    expect(audit.map((a) => a.action)).toEqual([
      'self-checkout.alert-raised',
      'attendant.pin-wrong',
      'attendant.pin-wrong',
      'attendant.pin-wrong',
      'attendant.pin-wrong',
      'attendant.locked-out',
      'attendant.locked-refused',
    ]);
    expect(audit[5]).toMatchObject({ employeeId: 'sup-ola', facts: { failures: 5 } });
    const other = await resolve('alert-2', 'sup-mia', '1357', 'reject');
    expect(other.json()).toMatchObject({ status: 'rejected' });
  });

  it('lets only the raising kiosk withdraw its alert', async () => {
    await raise('alert-3');
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/self-checkout/alerts/alert-3/withdraw',
      headers: attendantScreen,
    });
    expect(foreign.json().error.code).toBe('not-own-alert');
    const own = await app.inject({
      method: 'POST',
      url: '/api/self-checkout/alerts/alert-3/withdraw',
      headers: kiosk,
    });
    expect(own.json()).toMatchObject({ status: 'withdrawn' });
  });
});
