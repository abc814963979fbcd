import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { type AuditEntryDoc, type LoyaltyEntryDoc, uuidv7 as uuidv7At } from '@storefloor/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, startHarness } from './support/harness.js';

/**
 * PIPL at HQ (issue 16): a member's data exported and erased (the ledgers keep an anonymous id), consent
 * withdrawn and given again, no phone number in any log line, and device-made audit entries that nobody edits.
 */
const uuidv7 = (): string => uuidv7At(Date.now(), (n) => randomBytes(n));
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('member privacy at HQ (PGlite)', () => {
  let db: Database;
  let h: Harness;
  let lane: EnrolledDevice;
  let otherLane: EnrolledDevice;
  const logLines: string[] = [];

  const points = (memberId: string, value: number): LoyaltyEntryDoc => ({
    id: uuidv7(),
    storeId: 'S1',
    kind: value > 0 ? 'points-earned' : 'points-spent',
    memberId,
    saleId: '',
    couponCode: '',
    points: value,
    deviceId: lane.deviceId,
    employeeId: 'E1',
    createdAt: 1_740_000_000_000,
  });
  const push = async (device: EnrolledDevice, collection: string, docs: unknown[]) => {
    const answer = await h.push(
      device,
      collection,
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    );
    expect(answer.statusCode, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const member = async (id: string) =>
    (await h.storedDocuments('members')).find((doc) => doc.id === id)?.data as Record<string, unknown>;
  const importMembers = (csv: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/admin/import/members',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });

  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    });
    h = await startHarness(db, { logger: { level: 'trace', stream } });
    lane = await h.enroll('S1');
    otherLane = await h.enroll('S1');
    const imported = await importMembers(
      [
        'id,storeId,cardNumber,name,tier,phone,email',
        'M1,S1,8860000000001,王芳,gold,13812341234,wang.fang@example.cn',
        'M2,S1,8860000000002,李强,standard,13900001111,',
      ].join('\n'),
    );
    expect(imported.json()).toMatchObject({ accepted: 2, rejectedCount: 0 });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('exports everything HQ holds about a member: the document, consent, points and their entries', async () => {
    const earned = points('M1', 500);
    await push(lane, 'loyalty_entries', [earned, points('M2', 40)]);
    const exported = await h.app.inject({ url: '/api/admin/members/M1/export', headers: admin });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    expect(exported.json()).toMatchObject({
      member: { id: 'M1', name: '王芳', phone: '13812341234', email: 'wang.fang@example.cn' },
      consent: { personalData: true, changedAt: null },
      erasedAt: null,
      points: { balance: 500, entries: 1 },
      loyaltyEntries: [{ id: earned.id, points: 500 }],
      sales: [],
    });
    for (const [memberId, code] of [
      ['%00', 'invalid-text'],
      ['x'.repeat(70), 'invalid-request'],
    ] as const) {
      for (const [method, route] of [
        ['GET', 'export'],
        ['POST', 'erase'],
      ] as const) {
        const hostile = await h.app.inject({
          method,
          url: `/api/admin/members/${memberId}/${route}`,
          headers: admin,
        });
        expect([hostile.statusCode, hostile.json().error.code]).toEqual([400, code]);
      }
    }
    const missing = await h.app.inject({ url: '/api/admin/members/M404/export', headers: admin });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'member-not-found']);
    const asLane = await h.app.inject({
      url: '/api/admin/members/M1/export',
      headers: { authorization: `Bearer ${lane.token}` },
    });
    expect(asLane.statusCode).toBeGreaterThanOrEqual(401);
    const trail = await h.app.inject({ url: '/api/admin/audit', headers: admin });
    expect(JSON.stringify(trail.json())).toMatch(/"action":"member\.export","target":"M1"/);
  });

  it('a withdrawn consent takes the personal fields off the lanes (no lookup by phone), and a consent given again brings them back', async () => {
    const withdraw = await h.app.inject({
      method: 'PUT',
      url: '/api/admin/members/M2/consent',
      headers: admin,
      payload: { personalData: false },
    });
    expect(withdraw.json()).toMatchObject({ memberId: 'M2', personalData: false });
    expect(await member('M2')).toMatchObject({ name: '', phone: '', email: '', cardNumber: '8860000000002' });
    const lookup = await h.app.inject({
      url: '/api/members/lookup?phone=13900001111',
      headers: { authorization: `Bearer ${lane.token}` },
    });
    expect(lookup.statusCode).toBe(404);
    // The lane pulls the minimised document; HQ still holds the fields for the member's own export.
    const pulled = await h.pull(lane, 'members', { checkpoint: null, batchSize: 100 });
    expect(JSON.stringify(pulled.body)).not.toContain('13900001111');
    // A lane never gets a member's e-mail: it identifies members by card or phone and never writes to them.
    expect(pulled.body.documents.find((doc) => doc.id === 'M1')).toMatchObject({
      phone: '13812341234',
      email: '',
    });
    expect(
      (await h.app.inject({ url: '/api/admin/members/M2/export', headers: admin })).json(),
    ).toMatchObject({
      member: { name: '李强', phone: '13900001111' },
      consent: { personalData: false },
    });
    // An import cannot put the person back on the lanes behind their back.
    const reimport = await importMembers(
      'id,storeId,cardNumber,name,phone\nM2,S1,8860000000002,李强,13900001111',
    );
    expect(reimport.json()).toMatchObject({
      accepted: 0,
      rejected: [{ line: 2, field: 'id', reason: expect.stringMatching(/^consent-withdrawn/) }],
    });
    const give = await h.app.inject({
      method: 'PUT',
      url: '/api/admin/members/M2/consent',
      headers: admin,
      payload: { personalData: true },
    });
    expect(give.json()).toMatchObject({ personalData: true });
    expect(await member('M2')).toMatchObject({ name: '李强', phone: '13900001111' });
    const bad = await h.app.inject({
      method: 'PUT',
      url: '/api/admin/members/M2/consent',
      headers: admin,
      payload: { personalData: 'no' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('erases a member: no personal field or card left, the id and the points ledger kept, never imported again', async () => {
    const erased = await h.app.inject({ method: 'POST', url: '/api/admin/members/M1/erase', headers: admin });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ memberId: 'M1', alreadyErased: false });
    const doc = await member('M1');
    expect(doc).toMatchObject({ id: 'M1', storeId: 'S1', name: '', phone: '', email: '', active: false });
    expect(String(doc.cardNumber)).toMatch(/^ERASED-/);
    expect(JSON.stringify(doc)).not.toMatch(/王芳|13812341234|wang\.fang|8860000000001/);
    // The lanes pull the erased revision; no lookup finds the person by card or phone any more.
    const pulled = await h.pull(otherLane, 'members', { checkpoint: null, batchSize: 100 });
    expect(JSON.stringify(pulled.body)).not.toMatch(/王芳|13812341234/);
    for (const query of ['card=8860000000001', 'phone=13812341234']) {
      const lookup = await h.app.inject({
        url: `/api/members/lookup?${query}`,
        headers: { authorization: `Bearer ${lane.token}` },
      });
      expect(lookup.statusCode).toBe(404);
    }
    // The ledgers are immutable and keep the anonymous id: the balance still reconciles, and a lane that was
    // offline can still push the member's entries.
    await push(lane, 'loyalty_entries', [points('M1', -120)]);
    const balance = await h.app.inject({ url: '/api/admin/members/M1/points', headers: admin });
    expect(balance.json()).toMatchObject({ memberId: 'M1', balance: 380, entries: 2 });
    const again = await h.app.inject({ method: 'POST', url: '/api/admin/members/M1/erase', headers: admin });
    expect(again.json()).toMatchObject({ alreadyErased: true, erasedAt: erased.json().erasedAt });
    const reimport = await importMembers('id,storeId,cardNumber,name\nM1,S1,8860000000001,王芳');
    expect(reimport.json().rejected).toEqual([
      expect.objectContaining({ field: 'id', reason: expect.stringMatching(/^member-erased/) }),
    ]);
    const consent = await h.app.inject({
      method: 'PUT',
      url: '/api/admin/members/M1/consent',
      headers: admin,
      payload: { personalData: true },
    });
    expect([consent.statusCode, consent.json().error.code]).toEqual([409, 'member-erased']);
    const trail = JSON.stringify((await h.app.inject({ url: '/api/admin/audit', headers: admin })).json());
    expect(trail).toMatch(/"action":"member\.erase","target":"M1"/);
    expect(trail).toMatch(/"action":"member\.consent","target":"M2"/);
  });

  it('writes no phone number, e-mail or name into any log line', async () => {
    await h.app.inject({
      url: '/api/members/lookup?phone=13900001111',
      headers: { authorization: `Bearer ${lane.token}` },
    });
    await h.app.inject({
      url: `/api/members/lookup?phone=${encodeURIComponent('+86 139 0000 1111')}`,
      headers: { authorization: `Bearer ${lane.token}` },
    });
    await h.app.inject({
      url: '/api/members/lookup?card=8860000000002',
      headers: { authorization: `Bearer ${lane.token}` },
    });
    const all = logLines.join('\n');
    expect(all).toContain('/api/members/lookup?phone=139****1111');
    expect(all).toContain('/api/members/lookup?card=886******0002');
    expect(all).not.toMatch(
      /13900001111|13812341234|139 0000 1111|8860000000002|wang\.fang@example\.cn|王芳|李强/,
    );
  });

  it('an audit entry written by a device is final at HQ: no device edits or deletes it', async () => {
    const entry: AuditEntryDoc = {
      id: uuidv7(),
      storeId: 'S1',
      deviceId: lane.deviceId,
      employeeId: 'E1',
      approvedBy: 'E9',
      action: 'drawer.open-no-sale',
      subjectCollection: '',
      subjectId: '',
      facts: { reason: 'change for the float' },
      occurredAt: 1_740_000_000_000,
    };
    expect(await push(lane, 'audit_entries', [entry])).toEqual([]);
    const [stored] = (await h.storedDocuments('audit_entries')).filter((doc) => doc.id === entry.id);
    // The lane that wrote it tries to soften it, then to delete it: HQ answers with the stored entry.
    for (const changed of [
      { ...entry, facts: { reason: 'nothing happened' } },
      { ...entry, _deleted: true },
    ]) {
      const answer = await h.push(lane, 'audit_entries', [
        { assumedMasterState: { ...entry, _deleted: false }, newDocumentState: changed },
      ]);
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toEqual([expect.objectContaining({ id: entry.id, facts: entry.facts })]);
    }
    // Another lane of the same store may not write it at all.
    const other = await h.push(otherLane, 'audit_entries', [
      {
        assumedMasterState: { ...entry, _deleted: false },
        newDocumentState: { ...entry, action: 'sale.void-line' },
      },
    ]);
    expect(other.statusCode).toBe(403);
    // Nor the store's hub, which relays every device of the store: the entry is final whoever pushes.
    const code = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores/S1/enrollment-codes',
      headers: admin,
      payload: { role: 'store-hub' },
    });
    const hub = (
      await h.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: code.json().code } })
    ).json() as EnrolledDevice;
    const relayed = await h.push(hub, 'audit_entries', [
      { assumedMasterState: { ...entry, _deleted: false }, newDocumentState: { ...entry, _deleted: true } },
    ]);
    expect(relayed.statusCode).toBe(200);
    expect(relayed.body).toEqual([expect.objectContaining({ id: entry.id, _deleted: false })]);
    const [after] = (await h.storedDocuments('audit_entries')).filter((doc) => doc.id === entry.id);
    expect(after).toEqual(stored);
    expect(after?.deleted).toBe(false);
  });
});
