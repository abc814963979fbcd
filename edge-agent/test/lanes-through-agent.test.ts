/**
 * Lanes selling through a real edge agent process to a real HQ (sync-server's buildServer on PGlite),
 * all on loopback: a sale reaches HQ once with its stock movements, master data flows down, and every kind
 * of forbidden write is refused at the agent with HQ's code, with nothing written anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentProcess, bundleAgent } from './support/agent-process.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent, Lane } from './support/lane.js';
import { type Doc, movementsOf, product, sale } from './support/store-documents.js';

const STORE = 'store-0042';
const OTHER_STORE = 'store-0099';

async function push(url: string, token: string, collection: string, docs: Doc[]) {
  const response = await fetch(`${url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } })),
    ),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string } } & unknown[],
  };
}

async function pullAll(url: string, token: string, collection: string): Promise<Doc[]> {
  const documents: Doc[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const response = await fetch(`${url}/sync/${collection}/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ checkpoint, batchSize: 500 }),
    });
    if (!response.ok) throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { documents: Doc[]; checkpoint: unknown };
    documents.push(...page.documents);
    if (page.documents.length < 500) return documents;
    checkpoint = page.checkpoint;
  }
}

describe('lanes through the edge agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-lanes-'));
  let hq: HqServer;
  let agent: AgentProcess;
  let lane1: Lane;
  let laneIdentity: EnrolledLane;

  beforeAll(async () => {
    const bundle = await bundleAgent();
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
    await hq.createStore(OTHER_STORE);
    await hq.writeMaster(
      'products',
      Array.from({ length: 30 }, (_, i) => product(i + 1)),
    );
    agent = await AgentProcess.start({
      bundle,
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      enrollmentCode: await hq.enrollmentCode(STORE, 'store-hub'),
    });
    await vi.waitFor(
      async () => {
        if (!(await agent.status()).enrolled) throw new Error('agent not enrolled yet');
      },
      { timeout: 15_000, interval: 100 },
    );
    laneIdentity = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE, 'lane'), 'lane 1');
    lane1 = await Lane.open(laneIdentity);
    lane1.replicate(agent.url);
  }, 60_000);

  afterAll(async () => {
    await lane1?.close();
    await agent?.stop();
    await hq?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings HQ master data down to the lane through the agent', async () => {
    await expect
      .poll(async () => (await lane1.db.products.find().exec()).length, { timeout: 20_000 })
      .toBe(30);
  });

  it("carries a lane's sale and its stock movements to HQ exactly once", async () => {
    const saleDoc = sale({ storeId: STORE, deviceId: lane1.deviceId });
    const movements = movementsOf(saleDoc, 1);
    await lane1.sell(saleDoc, movements);
    await expect
      .poll(async () => (await hq.documents('sales', STORE)).map((doc) => doc.id), { timeout: 20_000 })
      .toContain(saleDoc.id);
    await expect
      .poll(async () => (await hq.documents('stock_movements', STORE)).length, { timeout: 20_000 })
      .toBe(2);
    const stored = (await hq.documents('sales', STORE)).filter((doc) => doc.id === saleDoc.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data.totals).toEqual(saleDoc.totals);
    // An identical re-push (a lane retrying after a timeout) changes nothing, here or at HQ.
    const again = await push(agent.url, laneIdentity.token, 'sales', [saleDoc]);
    expect(again).toEqual({ status: 200, body: [] });
    await expect.poll(async () => (await agent.status()).pendingTotal, { timeout: 10_000 }).toBe(0);
    expect((await hq.documents('sales', STORE)).filter((doc) => doc.id === saleDoc.id)).toHaveLength(1);
  });

  it('answers a changed completed sale with the stored one and keeps it', async () => {
    const saleDoc = sale({ storeId: STORE, deviceId: lane1.deviceId });
    expect((await push(agent.url, laneIdentity.token, 'sales', [saleDoc])).status).toBe(200);
    const changed = { ...saleDoc, cashierId: 'emp-9' };
    const answer = await push(agent.url, laneIdentity.token, 'sales', [changed]);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(1);
    expect((answer.body as unknown as Doc[])[0]?.cashierId).toBe('emp-7');
  });

  it('refuses what a lane may not write, with HQ codes, and writes nothing', async () => {
    const token = laneIdentity.token;
    const otherStoreSale = sale({ storeId: OTHER_STORE, deviceId: lane1.deviceId });
    const otherLaneSale = sale({ storeId: STORE, deviceId: 'dev_someone_else' });
    expect(await push(agent.url, token, 'sales', [otherStoreSale])).toMatchObject({
      status: 403,
      body: { error: { code: 'store-forbidden' } },
    });
    expect(await push(agent.url, token, 'sales', [otherLaneSale])).toMatchObject({
      status: 403,
      body: { error: { code: 'device-forbidden' } },
    });
    expect(await push(agent.url, token, 'products', [product(999)])).toMatchObject({
      status: 403,
      body: { error: { code: 'master-data-read-only' } },
    });
    const forged = `sfd_${'A'.repeat(43)}`;
    expect(
      await push(agent.url, forged, 'sales', [sale({ storeId: STORE, deviceId: lane1.deviceId })]),
    ).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
    // A lane of another store: its code is refused by the agent, and its HQ token is unknown here.
    const response = await fetch(`${agent.url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await hq.enrollmentCode(OTHER_STORE, 'lane') }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('store-forbidden');
    const stored = await pullAll(agent.url, token, 'sales');
    for (const refused of [otherStoreSale, otherLaneSale]) {
      expect(stored.map((doc) => doc.id)).not.toContain(refused.id);
    }
    expect((await hq.documents('sales', OTHER_STORE)).length).toBe(0);
    expect((await hq.documents('products', '*')).length).toBe(30);
  });

  it('stops serving a lane within 10 s of its revocation at HQ', async () => {
    const revokedIdentity = await enrollThroughAgent(
      agent.url,
      await hq.enrollmentCode(STORE, 'lane'),
      'lane 9',
    );
    expect((await pullAll(agent.url, revokedIdentity.token, 'products')).length).toBe(30);
    await hq.admin('DELETE', `/api/admin/devices/${revokedIdentity.deviceId}`);
    const revokedAt = Date.now();
    await expect
      .poll(
        async () =>
          (
            await push(agent.url, revokedIdentity.token, 'sales', [
              sale({ storeId: STORE, deviceId: revokedIdentity.deviceId }),
            ])
          ).body,
        {
          timeout: 10_000,
          interval: 200,
        },
      )
      .toMatchObject({ error: { code: 'token-revoked' } });
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    // The lane that stayed enrolled is unaffected.
    expect((await pullAll(agent.url, laneIdentity.token, 'products')).length).toBe(30);
  });
});
