import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type HqUnderTest, startHq, storefloor } from './hq-under-test.js';

/** `storefloor member export|erase|consent` against a real HQ on PGlite, through the real bin. */
describe('storefloor member', () => {
  let hq: HqUnderTest;
  let env: Record<string, string>;

  beforeAll(async () => {
    hq = await startHq();
    env = { STOREFLOOR_HQ_URL: hq.url, STOREFLOOR_ADMIN_TOKEN: ADMIN_TOKEN };
    expect(
      (await hq.admin('/api/admin/stores', { method: 'POST', body: { storeId: 'sh-001', name: '徐汇店' } }))
        .status,
    ).toBe(201);
    const members = join(hq.folder, 'members.csv');
    await writeFile(
      members,
      'id,storeId,cardNumber,name,phone,email\nM1,sh-001,8860000000001,王芳,13812341234,wang@example.cn\nM2,sh-001,8860000000002,李强,13900001111,\n',
    );
    const imported = await storefloor(['import', 'members', members], env);
    expect(imported.status, imported.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await hq?.close();
  });

  it('exports a member to a file only its owner can read, and shows the phone masked', async () => {
    const out = join(hq.folder, 'M1-export.json');
    const run = await storefloor(['member', 'export', 'M1', '--out', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('member M1 (phone 138****1234): 0 points over 0 loyalty entries, 0 sales');
    expect(run.stdout + run.stderr).not.toContain('13812341234');
    const exported = JSON.parse(await readFile(out, 'utf8'));
    expect(exported.member).toMatchObject({ id: 'M1', name: '王芳', phone: '13812341234' });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const unknown = await storefloor(['member', 'export', 'M404', '--out', out], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown member "M404"');
  }, 60_000);

  it('erases a member only with --yes, once; consent is withdrawn and given', async () => {
    const unconfirmed = await storefloor(['member', 'erase', 'M1'], env);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain('cannot be undone: run it again with --yes');
    const erased = await storefloor(['member', 'erase', 'M1', '--yes'], env);
    expect(erased.status, erased.stderr).toBe(0);
    expect(erased.stdout).toMatch(/member M1 erased at .*anonymous id/);
    const again = await storefloor(['--json', 'member', 'erase', 'M1', '--yes'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ memberId: 'M1', alreadyErased: true });
    const exported = await hq.admin<{ member: Record<string, unknown> }>('/api/admin/members/M1/export');
    expect(exported.body.member).toMatchObject({ name: '', phone: '', email: '', active: false });

    const withdrawn = await storefloor(['member', 'consent', 'M2', '--withdraw'], env);
    expect(withdrawn.status, withdrawn.stderr).toBe(0);
    expect(withdrawn.stdout).toContain('member M2: consent to personal data withdrawn');
    const given = await storefloor(['member', 'consent', 'M2', '--give'], env);
    expect(given.stdout).toContain('consent to personal data given');
    const neither = await storefloor(['member', 'consent', 'M2'], env);
    expect([neither.status, neither.stderr]).toEqual([1, 'storefloor: say either --withdraw or --give\n']);
    const ofErased = await storefloor(['member', 'consent', 'M1', '--give'], env);
    expect(ofErased.status).toBe(1);
    expect(ofErased.stderr).toContain('[member-erased]');
  }, 60_000);
});
