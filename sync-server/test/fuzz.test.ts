import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { coreCollections } from '../src/replication/core-collections.js';
import { productDoc, saleDoc, stockMovementDoc } from './support/fixtures.js';
import {
  ADMIN_TOKEN,
  type EnrolledDevice,
  type Harness,
  METRICS_TOKEN,
  startHarness,
} from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

/**
 * Issue 9, "Proof": a seeded, bounded fuzz of every route against a real server on a real socket. Requests are
 * malformed, oversized, forged, cross-store, sent with the wrong role or a spoofed deviceId. It asserts that
 * no answer is a 5xx and, reading the database afterwards, that nothing the rules forbid was written.
 *
 * STOREFLOOR_FUZZ_SEED=<n> replays a run; STOREFLOOR_FUZZ_REQUESTS=<n> changes its size (default 10,000 per
 * database). A failure prints the seed and the failing requests.
 */
const SEED = Number(process.env.STOREFLOOR_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.STOREFLOOR_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;

/** mulberry32: a small seeded PRNG, so that a seed replays the very same requests. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface FuzzRequest {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'OPTIONS';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A stream: read the status, then hang up. */
  readonly stream?: boolean;
  readonly label: string;
}

const MASTER = coreCollections()
  .filter((c) => c.kind === 'master')
  .map((c) => c.name);
const TRANSACTIONS = coreCollections()
  .filter((c) => c.kind === 'transaction')
  .map((c) => c.name);

describe.each(testDatabases)('fuzz on $name: no 5xx, no forbidden write', (engine) => {
  let db: Database;
  let h: Harness;
  let base: string;
  let laneA1: EnrolledDevice;
  let laneA2: EnrolledDevice;
  let laneB1: EnrolledDevice;
  let revoked: EnrolledDevice;
  let hubA: EnrolledDevice;
  let completedA: Record<string, unknown>;
  let openA: Record<string, unknown>;
  let completedB: Record<string, unknown>;
  let finalBefore: { collection: string; id: string; seq: string; data: unknown; deleted: boolean }[];

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db, { limits: { maxBatchSize: 50, maxPushBodyBytes: 2 * 1024 * 1024 } });
    laneA1 = await h.enroll('fz-a');
    laneA2 = await h.enroll('fz-a');
    laneB1 = await h.enroll('fz-b');
    revoked = await h.enroll('fz-a');
    // The store's edge agent: a store-hub token relays documents of any device enrolled in store A.
    const hubCode = await h.app.inject({
      method: 'POST',
      url: '/api/admin/stores/fz-a/enrollment-codes',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { role: 'store-hub' },
    });
    const hubEnrolled = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: hubCode.json().code },
    });
    if (hubEnrolled.json().role !== 'store-hub') throw new Error(`hub enrollment: ${hubEnrolled.body}`);
    hubA = hubEnrolled.json() as EnrolledDevice;
    await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/devices/${revoked.deviceId}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    completedA = saleDoc('fz-a', { deviceId: laneA1.deviceId });
    openA = saleDoc('fz-a', { deviceId: laneA1.deviceId, status: 'open' });
    completedB = saleDoc('fz-b', { deviceId: laneB1.deviceId });
    for (const [device, doc] of [
      [laneA1, completedA],
      [laneA1, openA],
      [laneB1, completedB],
    ] as const) {
      const pushed = await h.push(device, 'sales', [
        { assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } },
      ]);
      if (pushed.statusCode !== 200) throw new Error(`seed push: ${JSON.stringify(pushed.body)}`);
    }
    await h.app.inject({
      method: 'POST',
      url: '/api/admin/import/products',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      payload: 'id,name,taxClass\nFZ1,Fuzz one,standard\nFZ2,Fuzz two,standard\n',
    });
    finalBefore = (
      await db.query<{ collection: string; id: string; seq: string; data: unknown; deleted: boolean }>(
        'SELECT collection, id, seq::text AS seq, data, deleted FROM documents WHERE is_final ORDER BY collection, id',
      )
    ).rows;
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it(`answers ${REQUESTS} generated requests without a 5xx and writes nothing forbidden (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const chance = (p: number): boolean => random() < p;
    const int = (max: number): number => Math.floor(random() * max);

    const HOSTILE_STRINGS = [
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udc00\ud800',
      'x'.repeat(5_000),
      '',
      ' ',
      '../../etc/passwd',
      "' OR 1=1 --",
      '%00',
      '\u202e',
      '🍕',
      '0x10',
      'true',
      '-1',
      '1e309',
      '__proto__',
      '*',
    ];
    const HOSTILE_VALUES: unknown[] = [
      ...HOSTILE_STRINGS,
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 53 + 1,
      1e308,
      -1e308,
      [],
      {},
      [null],
      { __proto__: { polluted: 1 } },
      { constructor: { prototype: { polluted: 1 } } },
    ];
    const hostile = (): unknown => pick(HOSTILE_VALUES);
    const deep = (levels: number): string => `${'['.repeat(levels)}0${']'.repeat(levels)}`;

    /** Replaces, drops or adds one field somewhere in `value` (a JSON-like tree). */
    const mutate = (value: unknown, depth = 0): unknown => {
      if (depth > 4 || value === null || typeof value !== 'object') return chance(0.5) ? hostile() : value;
      if (Array.isArray(value)) {
        if (value.length === 0 || chance(0.2)) return [...value, hostile()];
        const copy = [...value];
        const i = int(copy.length);
        copy[i] = mutate(copy[i], depth + 1);
        return copy;
      }
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = random();
      if (roll < 0.15 && keys.length > 0) delete copy[pick(keys)];
      else if (roll < 0.3)
        copy[pick(['extra', '\u0000', '\ud800', '__proto__', 'constructor', '_deleted', '$where'])] =
          hostile();
      else if (keys.length > 0) {
        const key = pick(keys);
        copy[key] = mutate(copy[key], depth + 1);
      }
      return copy;
    };

    type Who =
      | 'none'
      | 'admin'
      | 'laneA1'
      | 'laneA2'
      | 'laneB1'
      | 'hubA'
      | 'revoked'
      | 'forged'
      | 'basic'
      | 'query';
    const tokenOf = (who: Who): string | undefined =>
      ({
        none: undefined,
        admin: ADMIN_TOKEN,
        laneA1: laneA1.token,
        laneA2: laneA2.token,
        laneB1: laneB1.token,
        hubA: hubA.token,
        revoked: revoked.token,
        forged: `sfd_${'A'.repeat(43)}`,
        basic: undefined,
        query: undefined,
      })[who];
    const authHeaders = (who: Who): Record<string, string> => {
      if (who === 'basic') return { authorization: 'Basic YWRtaW46YWRtaW4=' };
      const token = tokenOf(who);
      return token ? { authorization: `Bearer ${token}` } : {};
    };
    const deviceWho = (): Who =>
      chance(0.7)
        ? pick(['laneA1', 'laneA1', 'laneA2', 'laneB1'])
        : pick(['revoked', 'forged', 'none', 'admin', 'query', 'basic']);
    const anyWho = (): Who =>
      chance(0.6) ? 'admin' : pick(['laneA1', 'laneB1', 'revoked', 'forged', 'none', 'basic', 'query']);
    const storeOf = (who: Who): string => (who === 'laneB1' ? 'fz-b' : 'fz-a');
    const deviceIdOf = (who: Who): string =>
      ({ laneA1: laneA1.deviceId, laneA2: laneA2.deviceId, laneB1: laneB1.deviceId })[who as 'laneA1'] ??
      'lane-x';

    /** A push row a device might send, then often broken. */
    const pushRow = (who: Who): unknown => {
      const roll = random();
      const own = storeOf(who);
      let doc: Record<string, unknown>;
      let assumed: Record<string, unknown> | null = null;
      if (roll < 0.2) doc = saleDoc(own, { deviceId: deviceIdOf(who) });
      else if (roll < 0.3)
        doc = saleDoc(own === 'fz-a' ? 'fz-b' : 'fz-a', { deviceId: deviceIdOf(who) }); // cross-store
      else if (roll < 0.4)
        doc = { ...saleDoc(own, { deviceId: laneA2.deviceId }) }; // another lane's deviceId
      else if (roll < 0.55) {
        // Change a completed sale (own or the other store's), with or without the right assumed state.
        const target = chance(0.5) ? completedA : completedB;
        doc = { ...target, cashierId: 'emp-forged', totals: { ...(target.totals as object), total: 1 } };
        assumed = chance(0.5) ? { ...target, _deleted: false } : null;
      } else if (roll < 0.65) {
        doc = { ...openA, status: 'cancelled', completedAt: 1_763_900_099_000 };
        assumed = { ...openA, _deleted: false };
      } else if (roll < 0.75) doc = stockMovementDoc(own, String(completedA.id), 'FZ1');
      else if (roll < 0.85)
        doc = productDoc(`FZ-DEV-${int(1000)}`); // master data from a device
      else doc = { id: `junk-${int(1000)}`, storeId: own };
      if (chance(0.5)) doc = mutate(doc) as Record<string, unknown>;
      const row: Record<string, unknown> = {
        assumedMasterState: assumed,
        newDocumentState: { ...doc, _deleted: chance(0.9) ? false : pick([true, 'false', 1, 0, null]) },
      };
      return chance(0.15) ? mutate(row) : row;
    };

    const json = (value: unknown): string => JSON.stringify(value) ?? 'null';
    /** A JSON body, sometimes broken on the wire: truncated, nested too deep, huge, or not JSON at all. */
    const wire = (value: unknown): string => {
      const roll = random();
      const text = json(value);
      if (roll < 0.04) return text.slice(0, int(text.length));
      if (roll < 0.06) return deep(100 + int(5_000));
      if (roll < 0.07) return `[${'"x",'.repeat(60_000)}"x"]`;
      if (roll < 0.08) return text.replace(/"[^"]*"/, '"\\ud800"');
      if (roll < 0.09) return '\u0000';
      return text;
    };
    const contentType = (): Record<string, string> =>
      chance(0.95)
        ? { 'content-type': 'application/json' }
        : {
            'content-type': pick([
              'text/plain',
              'application/xml',
              'text/csv',
              'application/json; charset=utf-16',
            ]),
          };
    const collection = (): string =>
      chance(0.9)
        ? pick([...TRANSACTIONS, ...MASTER])
        : pick(['nope', '%00', '..', 'sales%2F..', 'a'.repeat(100), '__proto__']);
    const queryValue = (): string =>
      encodeURIComponent(pick(['1234', 'fz-a', 'fz-b', '2026-11-23', '0', '-1', 'x'.repeat(300)])).concat(
        chance(0.2) ? pick(['%00', '%ED%A0%80', '%', '%zz', '%C0%80']) : '',
      );

    const generators: (() => FuzzRequest)[] = [
      () => {
        const who = deviceWho();
        const body = chance(0.8)
          ? { checkpoint: chance(0.5) ? null : { sequence: int(10), id: '' }, batchSize: 1 + int(60) }
          : mutate({ checkpoint: { sequence: 0, id: '' }, batchSize: 10 });
        const path = `/sync/${collection()}/pull${who === 'query' ? `?token=${laneA1.token}` : ''}`;
        return {
          method: 'POST',
          path,
          headers: { ...authHeaders(who), ...contentType() },
          body: wire(body),
          label: `pull as ${who}`,
        };
      },
      () => {
        const who = deviceWho();
        const rows = Array.from({ length: 1 + int(3) }, () => pushRow(who));
        const body = chance(0.9) ? rows : mutate(rows);
        const path = `/sync/${chance(0.85) ? pick(['sales', 'sales', 'stock_movements']) : collection()}/push`;
        return {
          method: 'POST',
          path,
          headers: { ...authHeaders(who), ...contentType() },
          body: wire(body),
          label: `push as ${who}`,
        };
      },
      () => {
        const who = deviceWho();
        const query =
          who === 'query' ? `?token=${laneB1.token}` : chance(0.2) ? `?ticket=${queryValue()}` : '';
        return {
          method: 'GET',
          path: `/sync/${collection()}/stream${query}`,
          headers: authHeaders(who),
          stream: true,
          label: `stream as ${who}`,
        };
      },
      () => ({
        method: 'POST',
        path: '/api/stream-tickets',
        headers: authHeaders(deviceWho()),
        label: 'stream ticket',
      }),
      () => {
        const who = anyWho();
        const body = chance(0.5)
          ? { storeId: `fz-new-${int(50)}`, name: 'New' }
          : mutate({ storeId: 'fz-x', name: 'X' });
        return {
          method: 'POST',
          path: '/api/admin/stores',
          headers: { ...authHeaders(who), ...contentType() },
          body: wire(body),
          label: `create store as ${who}`,
        };
      },
      () => {
        const who = anyWho();
        const store = pick(['fz-a', 'fz-b', 'nope', '*', '%00', '%ED%A0%80']);
        const body = chance(0.7) ? { ttlSeconds: pick([1, 60, 0, -5, 1e9, '60']) } : mutate({});
        return {
          method: 'POST',
          path: `/api/admin/stores/${store}/enrollment-codes`,
          headers: { ...authHeaders(who), ...contentType() },
          body: wire(body),
          label: `code as ${who}`,
        };
      },
      () => {
        const body = mutate({ code: pick(['AAAA-BBBB-CCCC', '', 'x'.repeat(80), 'a\u0000']), label: 'Lane' });
        return {
          method: 'POST',
          path: '/api/enroll',
          headers: contentType(),
          body: wire(body),
          label: 'enroll',
        };
      },
      () => {
        const who = anyWho();
        // Never one of the fuzzing devices themselves: their tokens must keep working for the rest of the run.
        const target = pick([revoked.deviceId, 'dev_nobody', '%00', 'x'.repeat(100)]);
        return {
          method: 'DELETE',
          path: `/api/admin/devices/${target}`,
          headers: authHeaders(who),
          label: `revoke as ${who}`,
        };
      },
      () => {
        const who = anyWho();
        if (chance(0.4))
          return {
            method: 'GET',
            path: '/api/admin/tokens',
            headers: authHeaders(who),
            label: `list tokens as ${who}`,
          };
        if (chance(0.5))
          return {
            method: 'DELETE',
            path: `/api/admin/tokens/${pick(['adm_nobody', '%00', 'x'])}`,
            headers: authHeaders(who),
            label: `revoke token as ${who}`,
          };
        return {
          method: 'POST',
          path: '/api/admin/tokens',
          headers: { ...authHeaders(who), ...contentType() },
          body: wire(mutate({ name: 'fuzz' })),
          label: `create token as ${who}`,
        };
      },
      () => ({
        method: 'GET',
        path: `/api/admin/audit?after=${queryValue()}&limit=${queryValue()}`,
        headers: authHeaders(anyWho()),
        label: 'audit',
      }),
      () => {
        const who = anyWho();
        const kind = pick(['products', 'prices', 'promotions', 'members', 'employees', 'nope']);
        const csvRows = [
          'id,name,taxClass',
          `FZ${int(5)},"Fuzz ${int(9)}",standard`,
          `FZ${int(5)},12" pizza,standard`,
          '"unclosed,x,y',
          `${'\u0000'},a,b`,
        ];
        const roll = random();
        const [type, body] =
          roll < 0.5
            ? ['text/csv', csvRows.slice(0, 1 + int(csvRows.length)).join('\n')]
            : roll < 0.8
              ? [
                  'application/json',
                  wire([mutate({ id: `FZ${int(5)}`, name: 'Fuzz', taxClass: 'standard' })]),
                ]
              : [
                  'application/x-ndjson',
                  `${wire(mutate({ id: 'FZ9', name: 'N', taxClass: 'standard' }))}\n${deep(200)}\n`,
                ];
        const mode = pick(['', '?mode=all-or-nothing', '?mode=nope', `?storeId=${queryValue()}`]);
        return {
          method: 'POST',
          path: `/api/admin/import/${kind}${mode}`,
          headers: { ...authHeaders(who), 'content-type': type },
          body,
          label: `import ${kind} as ${who}`,
        };
      },
      () => {
        const who = deviceWho();
        const query = pick([
          `card=${queryValue()}`,
          `phone=${queryValue()}`,
          '',
          `card=1&phone=2`,
          `card=${queryValue()}&token=${laneA1.token}`,
        ]);
        return {
          method: 'GET',
          path: `/api/members/lookup?${query}`,
          headers: authHeaders(who),
          label: `member lookup as ${who}`,
        };
      },
      () => ({
        method: 'GET',
        path: `/api/admin/members/${pick(['M1', '%00', 'x'.repeat(70)])}/points`,
        headers: authHeaders(anyWho()),
        label: 'points',
      }),
      () => {
        const report = pick(['sales', 'products', 'stock', 'day-end']);
        const query = pick([
          `from=2026-11-01&to=2026-11-30&storeId=${queryValue()}`,
          `from=${queryValue()}&to=2026-11-30`,
          `storeId=${queryValue()}&productId=${queryValue()}`,
          `businessDay=2026-11-23&staleAfterMinutes=${queryValue()}`,
          `businessDay=2026-02-30`,
          'from=2020-01-01&to=2026-12-31',
        ]);
        return {
          method: 'GET',
          path: `/api/admin/reports/${report}?${query}`,
          headers: authHeaders(anyWho()),
          label: `report ${report}`,
        };
      },
      () => ({
        method: 'GET',
        path: pick(['/healthz', '/metrics']),
        headers: chance(0.5) ? { authorization: `Bearer ${METRICS_TOKEN}` } : authHeaders(anyWho()),
        label: 'health/metrics',
      }),
      () => ({
        method: pick(['GET', 'PUT', 'DELETE', 'OPTIONS'] as const),
        path: pick([
          '/',
          '/sync',
          '/sync/sales',
          '/api/admin',
          '/%00',
          '/api/enroll',
          `/sync/sales/pull?${'a=1&'.repeat(500)}`,
        ]),
        headers: { ...authHeaders(anyWho()), origin: pick(['https://evil.example', 'null']) },
        label: 'odd method or path',
      }),
    ];
    // Weights: replication routes are where devices write, so they get most of the traffic.
    const weighted = [0, 0, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11, 12, 13, 14, 15];

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const describeRequest = (request: FuzzRequest): string =>
      `${request.label}: ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${(request.body ?? '').slice(0, 300)}`;

    const send = async (request: FuzzRequest): Promise<void> => {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, 20_000);
      try {
        const response = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: controller.signal,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) {
          const text = (await response.text()).slice(0, 300);
          failures.push(`${response.status} ← ${describeRequest(request)} → ${text}`);
        } else if (request.stream && response.status === 200) controller.abort();
        else await response.arrayBuffer();
      } catch (error) {
        if (timedOut) failures.push(`no answer within 20 s ← ${describeRequest(request)}`);
        else if (!controller.signal.aborted) {
          // A server that closes the connection on a refused upload is fine; any other socket failure is not.
          const big = (request.body?.length ?? 0) > 100_000;
          if (!big) failures.push(`socket error ${(error as Error).message} ← ${describeRequest(request)}`);
        }
      } finally {
        clearTimeout(timer);
      }
    };

    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next++;
          const generate = generators[pick(weighted)] as () => FuzzRequest;
          await send(generate());
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `[fuzz ${engine.name}] seed ${SEED}: ${REQUESTS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(
      failures,
      `seed ${SEED} (replay: STOREFLOOR_FUZZ_SEED=${SEED}); first failures:\n${failures.slice(0, 10).join('\n')}`,
    ).toEqual([]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // What the rules forbid, read from the database itself.
    const crossStore = await db.query(
      `SELECT doc.collection, doc.id, doc.store_id, dev.device_id, dev.store_id AS device_store FROM documents doc
       JOIN devices dev ON dev.device_id = doc.written_by WHERE doc.store_id <> dev.store_id`,
    );
    expect(crossStore.rows, `seed ${SEED}: documents written into another store`).toEqual([]);
    const masterByDevice = await db.query(
      `SELECT collection, id, written_by FROM documents
       WHERE collection = ANY($1::text[]) AND written_by IN (SELECT device_id FROM devices)`,
      [MASTER],
    );
    expect(masterByDevice.rows, `seed ${SEED}: master data written by a device`).toEqual([]);
    const byOutsiders = await db.query(
      `SELECT collection, id, written_by FROM documents
       WHERE collection = ANY($1::text[]) AND written_by NOT IN (SELECT device_id FROM devices WHERE revoked_at IS NULL)`,
      [TRANSACTIONS],
    );
    expect(byOutsiders.rows, `seed ${SEED}: transactions written by a revoked or unknown writer`).toEqual([]);
    // Roles: a lane's documents carry its own deviceId; a store hub's, a device enrolled in its store.
    const wrongDevice = await db.query(
      `SELECT doc.collection, doc.id, doc.written_by, w.role, doc.data->>'deviceId' AS claimed FROM documents doc
       JOIN devices w ON w.device_id = doc.written_by
       WHERE doc.collection = ANY($1::text[]) AND doc.data ? 'deviceId' AND (
         (w.role = 'lane' AND doc.data->>'deviceId' <> w.device_id) OR
         (w.role = 'store-hub' AND NOT EXISTS (
           SELECT 1 FROM devices o WHERE o.device_id = doc.data->>'deviceId' AND o.store_id = w.store_id)))`,
      [TRANSACTIONS],
    );
    expect(wrongDevice.rows, `seed ${SEED}: a document written under another device's id`).toEqual([]);
    const finalAfter = (
      await db.query<{ collection: string; id: string; seq: string; data: unknown; deleted: boolean }>(
        `SELECT collection, id, seq::text AS seq, data, deleted FROM documents
         WHERE (collection, id) IN (SELECT collection, id FROM documents WHERE is_final) ORDER BY collection, id`,
      )
    ).rows;
    for (const before of finalBefore) {
      expect(
        finalAfter.find((row) => row.collection === before.collection && row.id === before.id),
        `seed ${SEED}: completed ${before.collection}/${before.id} changed`,
      ).toEqual(before);
    }
    const nulOrSurrogate = await db.query(
      "SELECT collection, id FROM documents WHERE data::text LIKE '%\\\\u0000%' OR data::text ~ '\\\\ud[89ab]'",
    );
    expect(nulOrSurrogate.rows, `seed ${SEED}: unstorable text stored`).toEqual([]);
  }, 300_000);
});
