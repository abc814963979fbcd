/**
 * Issue 16, nothing personal in any log line: a real agent enrolled at a real HQ, its pino output captured at
 * info. A lane's live stream with `?token=`, a pull with an Authorization header, a lane enrollment with its
 * code (and a second one refused), URLs carrying a phone number or an e-mail: every request is still logged
 * with its method, masked URL and status, and no line holds a secret or a whole phone number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeAgent, startEdgeAgent } from '../src/index.js';
import { HqServer } from './support/hq-server.js';
import { type EnrolledLane, enrollThroughAgent } from './support/lane.js';

const STORE = 'store-0016';
const PHONE = '13812341234';

interface LogLine {
  readonly msg?: string;
  readonly reqId?: string;
  readonly req?: { readonly method?: string; readonly url?: string };
  readonly res?: { readonly statusCode?: number };
}

describe('the agent log at info', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-agent-redact-'));
  const lines: string[] = [];
  let hq: HqServer;
  let agent: EdgeAgent;
  let agentCode: string;
  let laneCode: string;
  let lane: EnrolledLane;

  beforeAll(async () => {
    hq = await HqServer.start(dir);
    await hq.createStore(STORE);
    agentCode = await hq.enrollmentCode(STORE, 'store-hub');
    agent = await startEdgeAgent({
      hqUrl: hq.url,
      dataDir: join(dir, 'agent'),
      lanPort: 0,
      enrollmentCode: agentCode,
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    await agent.enrolled;
    laneCode = await hq.enrollmentCode(STORE);
    lane = await enrollThroughAgent(agent.url, laneCode, 'lane 1');
  });
  afterAll(async () => {
    await agent?.close();
    await hq?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The incoming-request line of a URL (as logged) and the status of its request-completed line. */
  function requestLogged(urlStart: string): { url: string; method: string; status: number | undefined } {
    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    const incoming = parsed.find((line) => line.req?.url?.startsWith(urlStart));
    if (!incoming?.req?.url || !incoming.req.method) throw new Error(`no log line for ${urlStart}`);
    const completed = parsed.find((line) => line.reqId === incoming.reqId && line.res);
    return { url: incoming.req.url, method: incoming.req.method, status: completed?.res?.statusCode };
  }

  it('logs every request with its method, masked URL and status, and no secret or phone', async () => {
    const stream = new AbortController();
    const opened = await fetch(`${agent.url}/sync/sales/stream?token=${encodeURIComponent(lane.token)}`, {
      signal: stream.signal,
    });
    expect(opened.status).toBe(200);
    stream.abort();

    const pull = await fetch(`${agent.url}/sync/sales/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lane.token}` },
      body: JSON.stringify({ checkpoint: null, batchSize: 10 }),
    });
    expect(pull.status).toBe(200);

    // The code was used: HQ refuses it again, and the refusal logs nothing of it either.
    const again = await fetch(`${agent.url}/api/enroll?code=${laneCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: laneCode, label: 'lane 2' }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    const byQuery = await fetch(`${agent.url}/api/members?phone=${PHONE}&email=ann%40example.com`, {
      headers: { authorization: `Bearer ${lane.token}` },
    });
    expect(byQuery.status).toBe(404);
    const byPath = await fetch(`${agent.url}/api/members/+86${PHONE}/ann@example.com`);
    expect(byPath.status).toBe(404);

    // The stream is hijacked (server-sent events): its line is the incoming one; the rest complete.
    await expect.poll(() => requestLogged('/api/members/').status).toBe(404);

    expect(requestLogged('/sync/sales/stream')).toMatchObject({
      method: 'GET',
      url: '/sync/sales/stream?token=[Redacted]',
    });
    expect(requestLogged('/sync/sales/pull')).toEqual({
      method: 'POST',
      url: '/sync/sales/pull',
      status: 200,
    });
    expect(requestLogged('/api/enroll?')).toMatchObject({
      method: 'POST',
      url: '/api/enroll?code=[Redacted]',
    });
    expect(requestLogged('/api/enroll?').status).toBe(again.status);
    expect(requestLogged('/api/members?')).toEqual({
      method: 'GET',
      url: '/api/members?phone=138****1234&email=[Redacted]',
      status: 404,
    });
    expect(requestLogged('/api/members/')).toEqual({
      method: 'GET',
      url: '/api/members/+86 138****1234/[Redacted]',
      status: 404,
    });

    const text = lines.join('\n');
    for (const secret of [lane.token, laneCode, agentCode]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
      expect(text).not.toContain(secret.replace(/-/g, ''));
    }
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('ann@example.com');
    expect(text).not.toContain('ann%40example.com');
    expect(text).not.toMatch(/Bearer\s/i);
  });

  it('censors secret fields and phone numbers that code passes to the logger itself', async () => {
    const before = lines.length;
    agent.app.log.info(
      {
        headers: { authorization: `Bearer ${lane.token}` },
        member: { phone: PHONE, email: 'ann@example.com' },
        token: lane.token,
        enrollmentCode: laneCode,
        code: 'not-enrolled',
      },
      `looked up member ${PHONE} for http://hq.example/sync/sales/stream?ticket=t-1234`,
    );
    agent.app.log.error(new Error(`HQ refused ${PHONE} at /enroll?code=${laneCode}`));
    await expect.poll(() => lines.length).toBe(before + 2);
    const [info, error] = lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(info).toMatchObject({
      headers: { authorization: '[Redacted]' },
      member: { phone: '[Redacted]', email: '[Redacted]' },
      token: '[Redacted]',
      enrollmentCode: '[Redacted]',
      // An error code is not a secret: it stays readable.
      code: 'not-enrolled',
      msg: 'looked up member 138****1234 for http://hq.example/sync/sales/stream?ticket=[Redacted]',
    });
    expect(error?.msg).toBe(`HQ refused 138****1234 at /enroll?code=[Redacted]`);
    const text = lines.slice(before).join('\n');
    for (const secret of [lane.token, laneCode, PHONE, 't-1234']) expect(text).not.toContain(secret);
  });
});
