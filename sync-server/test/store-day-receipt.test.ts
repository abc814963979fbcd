import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { saleDoc } from './support/fixtures.js';
import { ADMIN_TOKEN, type EnrolledDevice, type Harness, newRow, startHarness } from './support/harness.js';
import { testDatabases } from './support/test-databases.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
let storeCounter = 0;
const uniqueStore = (label: string): string => `${label}-${process.pid}-${++storeCounter}`;

describe.each(testDatabases)('the store-hub day receipt on $name', (engine) => {
  let db: Database;
  let h: Harness;

  beforeAll(async () => {
    db = await engine.open();
    h = await startHarness(db);
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const enrollAs = async (storeId: string, role: 'lane' | 'store-hub'): Promise<EnrolledDevice> => {
    await h.createStore(storeId);
    const code = await h.app.inject({
      method: 'POST',
      url: `/api/admin/stores/${storeId}/enrollment-codes`,
      headers: admin,
      payload: { role },
    });
    const enrolled = await h.app.inject({
      method: 'POST',
      url: '/api/enroll',
      payload: { code: code.json().code },
    });
    return enrolled.json() as EnrolledDevice;
  };
  const receipt = (device: EnrolledDevice, day: string) =>
    h.app.inject({
      method: 'GET',
      url: `/api/store-hub/days/${day}`,
      headers: { authorization: `Bearer ${device.token}` },
    });

  it("answers a store hub its own store's day by count and digest, and refuses a lane", async () => {
    const store = uniqueStore('day');
    const hub = await enrollAs(store, 'store-hub');
    const lane = await enrollAs(store, 'lane');
    const otherHub = await enrollAs(uniqueStore('other'), 'store-hub');
    const sold = saleDoc(
      { storeId: store, deviceId: lane.deviceId },
      { id: '01900000-0000-7000-8000-00000000000b' },
    );
    const open = saleDoc(
      { storeId: store, deviceId: lane.deviceId },
      { id: '01900000-0000-7000-8000-00000000000a', status: 'open' },
    );
    expect((await h.push(lane, 'sales', [newRow(sold), newRow(open)])).statusCode).toBe(200);

    const answer = await receipt(hub, '2026-11-23');
    expect(answer.statusCode).toBe(200);
    // The same fixture as edge-agent's day-digest test (src/day-end/day-digest.test.ts), computed with coreutils
    // (printf '01900000-0000-7000-8000-00000000000a open\n01900000-0000-7000-8000-00000000000b completed\n' | sha256sum).
    expect(answer.json()).toMatchObject({
      storeId: store,
      businessDay: '2026-11-23',
      collections: {
        sales: { count: 2, digest: 'f6b44fede6f0da42e8004bf84bfb0397520abe1a7e9ca9c95c371331f1d13614' },
        shifts: { count: 0, digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      },
    });
    expect((await receipt(hub, '2026-11-24')).json().collections.sales.count).toBe(0);
    expect((await receipt(otherHub, '2026-11-23')).json().collections.sales.count).toBe(0);
    const refused = await receipt(lane, '2026-11-23');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('device-forbidden');
    expect((await receipt(hub, '2026-13-99x')).statusCode).toBe(400);
  });
});
