import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { ADMIN_TOKEN, type Harness, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

/** Issue 9: named admin tokens (create, list, revoke) and the append-only admin audit trail. */
describe.each(testDatabases)('named admin tokens and the audit trail on $name', (engine) => {
  let db: Database;
  let h: Harness;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const bootstrap = bearer(ADMIN_TOKEN);
  let alice: { tokenId: string; token: string };

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  type Audit = {
    entries: {
      action: string;
      actor: { id: string; name: string };
      target: string | null;
      detail: Record<string, unknown>;
    }[];
  };
  const audit = async (): Promise<Audit['entries']> =>
    (
      (
        await h.app.inject({ method: 'GET', url: '/api/admin/audit?limit=1000', headers: bootstrap })
      ).json() as Audit
    ).entries;

  it('the configured admin token is the first named token, "bootstrap"', async () => {
    const listed = await h.app.inject({ method: 'GET', url: '/api/admin/tokens', headers: bootstrap });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().tokens).toEqual([
      expect.objectContaining({
        name: 'bootstrap',
        tokenId: expect.stringMatching(/^adm_/),
        revokedAt: null,
      }),
    ]);
  });

  it('creates a named token, shown once, listed without its secret', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/admin/tokens',
      headers: bootstrap,
      payload: { name: 'alice (back office)' },
    });
    expect(created.statusCode).toBe(201);
    alice = created.json();
    expect(alice.token).toMatch(/^sfa_/);
    const listed = await h.app.inject({
      method: 'GET',
      url: '/api/admin/tokens',
      headers: bearer(alice.token),
    });
    expect(listed.body).not.toContain(alice.token);
    expect(listed.json().tokens.map((t: { name: string }) => t.name)).toEqual([
      'bootstrap',
      'alice (back office)',
    ]);
    const { rows } = await db.query('SELECT token_hash FROM admin_tokens WHERE token_id = $1', [
      alice.tokenId,
    ]);
    expect(JSON.stringify(rows)).not.toContain(alice.token);
  });

  it('records who created a store and a code, who enrolled which device, who imported what', async () => {
    const headers = bearer(alice.token);
    await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores',
      headers,
      payload: { storeId: 'store-audit', name: 'Audit' },
    });
    const code = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores/store-audit/enrollment-codes',
      headers,
      payload: {},
    });
    const enrolled = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.json().code, label: 'Lane 1' },
    });
    const deviceId = enrolled.json().deviceId as string;
    const imported = await h.app.inject({
      method: 'POST',
      url: '/api/admin/import/products',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: 'id,name,taxClass\nA1,Apple,standard\n',
    });
    expect(imported.statusCode).toBe(200);

    const entries = await audit();
    const byAlice = entries.filter((entry) => entry.actor.id === alice.tokenId);
    expect(byAlice.map((entry) => [entry.action, entry.target])).toEqual([
      ['store.create', 'store-audit'],
      ['enrollment-code.create', 'store-audit'],
      ['device.enroll', deviceId],
      ['import', 'products'],
    ]);
    expect(byAlice.every((entry) => entry.actor.name === 'alice (back office)')).toBe(true);
    expect(byAlice[3]?.detail).toMatchObject({
      status: 200,
      importId: imported.json().importId,
      accepted: 1,
    });
    expect(byAlice[2]?.detail).toMatchObject({ storeId: 'store-audit', label: 'Lane 1' });
    const text = JSON.stringify(entries);
    for (const secret of [alice.token, code.json().code, enrolled.json().token, ADMIN_TOKEN]) {
      expect(text).not.toContain(secret);
    }
  });

  it('a revoked token is refused at once; the last active token cannot be revoked', async () => {
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/tokens/${alice.tokenId}`,
      headers: bootstrap,
    });
    expect(revoked.statusCode).toBe(200);
    const refused = await h.app.inject({
      method: 'GET',
      url: '/api/admin/tokens',
      headers: bearer(alice.token),
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'admin-token-revoked' } });

    const { tokens } = (
      await h.app.inject({ method: 'GET', url: '/api/admin/tokens', headers: bootstrap })
    ).json();
    const self = tokens.find((t: { name: string }) => t.name === 'bootstrap');
    const last = await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/tokens/${self.tokenId}`,
      headers: bootstrap,
    });
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({ error: { code: 'last-admin-token' } });
    const unknown = await h.app.inject({
      method: 'DELETE',
      url: '/api/admin/tokens/adm_nobody',
      headers: bootstrap,
    });
    expect(unknown.statusCode).toBe(404);

    const actions = (await audit()).map((entry) => [entry.action, entry.target, entry.detail.status]);
    expect(actions).toContainEqual(['admin-token.revoke', alice.tokenId, 200]);
    expect(actions).toContainEqual(['admin-token.revoke', self.tokenId, 409]);
  });

  it('the audit table is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const before = (await audit()).length;
    await expect(db.query("UPDATE admin_audit SET actor_name = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM admin_audit')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE admin_audit')).rejects.toThrow(/append-only/);
    expect((await audit()).length).toBe(before);
  });

  it('a refused admin write with unstorable text in its target is still recorded, escaped', async () => {
    const response = await h.app.inject({
      method: 'DELETE',
      url: '/api/admin/devices/a%00b',
      headers: bootstrap,
    });
    expect(response.statusCode).toBe(400);
    const last = (await audit()).at(-1);
    expect(last).toMatchObject({
      action: 'device.revoke',
      target: 'a\\u0000b',
      detail: { status: 400, error: 'invalid-text' },
    });
  });

  it('reads the trail page by page', async () => {
    const first = await h.app.inject({ method: 'GET', url: '/api/admin/audit?limit=2', headers: bootstrap });
    const page = first.json().entries as { entryId: number }[];
    expect(page).toHaveLength(2);
    const next = await h.app.inject({
      method: 'GET',
      url: `/api/admin/audit?after=${page[1]?.entryId}&limit=2`,
      headers: bootstrap,
    });
    expect((next.json().entries as { entryId: number }[])[0]?.entryId).toBeGreaterThan(page[1]?.entryId ?? 0);
    const device = await h.enroll('store-audit-2');
    const asDevice = await h.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(device.token),
    });
    expect(asDevice.statusCode).toBe(403);
  });
});
