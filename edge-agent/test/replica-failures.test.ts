/**
 * Bad conditions at the store, with the agent in this process (no lane RxDB here, so its 13 collections fit):
 * a full disk and a damaged replica refuse new writes naming the file and show in the status, HQ answering
 * 5xx keeps documents pending until it recovers, and a clock jump reorders nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EdgeAgent, startEdgeAgent } from '../src/index.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';
import { type Doc, movementsOf, sale } from './support/store-documents.js';

const STORE = 'store-0042';

async function push(agent: EdgeAgent, lane: EnrolledLane, collection: string, docs: Doc[]) {
  const response = await fetch(`${agent.url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${lane.token}` },
    body: JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }))),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; detail?: string } },
  };
}

async function pull(agent: EdgeAgent, lane: EnrolledLane, collection: string, checkpoint: unknown = null) {
  const response = await fetch(`${agent.url}/sync/${collection}/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${lane.token}` },
    body: JSON.stringify({ checkpoint, batchSize: 500 }),
  });
  return (await response.json()) as { documents: Doc[]; checkpoint: { sequence: number; id: string } | null };
}

describe('the agent under bad conditions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-failures-'));
  let hq: HqServer;
  let hqFails = false;
  let hqRefusesId: string | undefined;
  const failingFetch: typeof fetch = async (input, init) => {
    if (hqRefusesId && String(input).includes('/push') && String(init?.body).includes(hqRefusesId)) {
      const error = { code: 'invalid-document', message: 'A document does not match its collection schema' };
      return new Response(JSON.stringify({ error }), { status: 422 });
    }
    if (hqFails && String(input).includes('/push')) {
      return new Response(JSON.stringify({ error: { code: 'internal-error', message: 'boom' } }), {
        status: 502,
      });
    }
    return fetch(input, init);
  };

  async function start(
    dataDir: string,
    extra: { replicaMaxBytes?: number; code?: string } = {},
  ): Promise<EdgeAgent> {
    const agent = await startEdgeAgent({
      hqUrl: hq.url,
      dataDir,
      lanPort: 0,
      logger: false,
      fetch: failingFetch,
      pushBackoff: { initialMs: 50, maxMs: 500 },
      ...(extra.code ? { enrollmentCode: extra.code } : {}),
      ...(extra.replicaMaxBytes ? { replicaMaxBytes: extra.replicaMaxBytes } : {}),
    });
    await agent.enrolled;
    return agent;
  }

  beforeAll(async () => {
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await hq.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps documents pending while HQ answers 5xx, then delivers each once', async () => {
    const agent = await start(join(dir, 'hq-5xx'), { code: await hq.enrollmentCode(STORE, 'store-hub') });
    try {
      const lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane');
      hqFails = true;
      const doc = sale({ storeId: STORE, deviceId: lane.deviceId });
      expect((await push(agent, lane, 'sales', [doc])).status).toBe(200);
      await expect
        .poll(() => agent.status().hq.lastError?.message ?? '', { timeout: 10_000 })
        .toContain('502');
      expect(agent.status().pending.sales).toBe(1);
      expect(agent.status().hq.lagSeconds).toBeGreaterThanOrEqual(0);
      hqFails = false;
      await expect.poll(() => agent.status().pendingTotal, { timeout: 10_000 }).toBe(0);
      expect((await hq.documents('sales', STORE)).filter((d) => d.id === doc.id)).toHaveLength(1);
      const metrics = await (await fetch(`${agent.url}/metrics`)).text();
      expect(metrics).toContain('storefloor_edge_pending_documents{collection="sales"} 0');
    } finally {
      await agent.close();
    }
  });

  it('sets aside a document HQ refuses for good, delivers the rest, and keeps showing it after a restart', async () => {
    const dataDir = join(dir, 'refused');
    let agent = await start(dataDir, { code: await hq.enrollmentCode(STORE, 'store-hub') });
    try {
      const lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane');
      const docs = Array.from({ length: 5 }, () => sale({ storeId: STORE, deviceId: lane.deviceId }));
      const refused = docs[2] as Doc;
      hqRefusesId = String(refused.id);
      expect((await push(agent, lane, 'sales', docs)).status).toBe(200);
      await expect.poll(() => agent.status().pendingTotal, { timeout: 10_000 }).toBe(0);
      const atHq = new Set((await hq.documents('sales', STORE)).map((d) => d.id));
      expect(docs.filter((doc) => !atHq.has(String(doc.id))).map((doc) => doc.id)).toEqual([refused.id]);
      expect(agent.status().rejected).toMatchObject([
        { collection: 'sales', id: refused.id, code: 'invalid-document' },
      ]);
      expect(agent.status()).toMatchObject({ rejectedCount: { sales: 1 }, rejectedTotal: 1 });
      expect(await (await fetch(`${agent.url}/metrics`)).text()).toContain(
        'storefloor_edge_hq_refused_documents{collection="sales"} 1',
      );
      await agent.close();
      agent = await start(dataDir);
      expect(agent.status().rejected).toMatchObject([{ id: refused.id }]);
      expect((await pull(agent, lane, 'sales')).documents.map((doc) => doc.id)).toContain(refused.id);
    } finally {
      hqRefusesId = undefined;
      await agent.close();
    }
  });

  it('orders by its own sequence when the clock jumps back and forward an hour', async () => {
    const agent = await start(join(dir, 'clock'), { code: await hq.enrollmentCode(STORE, 'store-hub') });
    try {
      const lane = await enrollThroughAgent(agent.url, await hq.enrollmentCode(STORE), 'lane');
      const first = sale({ storeId: STORE, deviceId: lane.deviceId });
      await push(agent, lane, 'sales', [first]);
      const after = (await pull(agent, lane, 'sales')).checkpoint;
      const realNow = Date.now.bind(Date);
      const jump = vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 3_600_000);
      const back = sale({ storeId: STORE, deviceId: lane.deviceId });
      await push(agent, lane, 'sales', [back]);
      jump.mockImplementation(() => realNow() + 3_600_000);
      const forward = sale({ storeId: STORE, deviceId: lane.deviceId });
      await push(agent, lane, 'sales', [forward]);
      jump.mockRestore();
      const page = await pull(agent, lane, 'sales', after);
      expect(page.documents.map((doc) => doc.id)).toEqual([back.id, forward.id]);
      await expect.poll(() => agent.status().pendingTotal, { timeout: 10_000 }).toBe(0);
      const atHq = (await hq.documents('sales', STORE)).map((d) => d.id);
      for (const doc of [first, back, forward]) expect(atHq).toContain(doc.id);
    } finally {
      await agent.close();
    }
  });

  it('refuses new writes on a full disk, naming the file, and keeps what it acknowledged', async () => {
    const dataDir = join(dir, 'disk-full');
    const code = await hq.enrollmentCode(STORE, 'store-hub');
    const sizing = await start(dataDir, { code });
    const lane = await enrollThroughAgent(sizing.url, await hq.enrollmentCode(STORE), 'lane');
    await sizing.close();
    const file = join(dataDir, 'store-replica.sqlite');
    const agent = await start(dataDir, { replicaMaxBytes: statSync(file).size + 128 * 1024 });
    try {
      const acknowledged: string[] = [];
      let refusal: { status: number; body: { error?: { code: string; detail?: string } } } | undefined;
      for (let i = 0; i < 200 && !refusal; i++) {
        const batch = Array.from({ length: 20 }, () => sale({ storeId: STORE, deviceId: lane.deviceId }));
        const answer = await push(agent, lane, 'sales', batch);
        if (answer.status === 200) acknowledged.push(...batch.map((doc) => String(doc.id)));
        else refusal = answer;
      }
      expect(refusal).toMatchObject({ status: 503, body: { error: { code: 'replica-unavailable' } } });
      expect(refusal?.body.error?.detail).toContain('store-replica.sqlite');
      expect(agent.status().replica).toMatchObject({ ok: false, problem: { code: 'disk-full' } });
      expect((await fetch(`${agent.url}/healthz`)).status).toBe(503);
      const stored = new Set((await pull(agent, lane, 'sales')).documents.map((doc) => String(doc.id)));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      await expect.poll(() => agent.status().pendingTotal, { timeout: 20_000 }).toBe(0);
      const atHq = new Set((await hq.documents('sales', STORE)).map((d) => d.id));
      expect(acknowledged.filter((id) => !atHq.has(id))).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  it('stays up on a damaged replica, refuses every sync call naming the file, and leaves it untouched', async () => {
    const dataDir = join(dir, 'corrupt');
    const first = await start(dataDir, { code: await hq.enrollmentCode(STORE, 'store-hub') });
    const lane = await enrollThroughAgent(first.url, await hq.enrollmentCode(STORE), 'lane');
    const doc = sale({ storeId: STORE, deviceId: lane.deviceId });
    await push(first, lane, 'sales', [doc]);
    await push(first, lane, 'stock_movements', movementsOf(doc, 1));
    await first.close();
    const file = join(dataDir, 'store-replica.sqlite');
    writeFileSync(file, Buffer.from('this is not a SQLite database, it is a till receipt\n'.repeat(200)));
    rmSync(`${file}-wal`, { force: true });
    const damaged = readFileSync(file);
    const agent = await start(dataDir);
    try {
      expect(agent.status().replica).toMatchObject({ ok: false, problem: { code: 'database-corrupt' } });
      expect(agent.status().replica.problem?.file).toContain('store-replica.sqlite');
      const answer = await push(agent, lane, 'sales', [sale({ storeId: STORE, deviceId: lane.deviceId })]);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'replica-unavailable' } } });
      expect(answer.body.error?.detail).toContain('store-replica.sqlite');
      expect((await fetch(`${agent.url}/healthz`)).status).toBe(503);
      expect(readFileSync(file).equals(damaged)).toBe(true);
    } finally {
      await agent.close();
    }
  });
});
