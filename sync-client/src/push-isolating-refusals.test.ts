import { describe, expect, it } from 'vitest';
import { pushIsolatingRefusals } from './push-isolating-refusals.js';
import { isDocumentRefusal } from './push-refusal.js';
import { SyncHttpError } from './sync-http-error.js';

/** An upstream that, like sync-server, refuses a whole push when one row is bad and writes nothing of it. */
function upstreamRefusing(bad: ReadonlySet<number>) {
  const written: number[] = [];
  let requests = 0;
  const post = async (rows: number[]) => {
    requests += 1;
    const refused = rows.find((row) => bad.has(row));
    if (refused !== undefined) throw new SyncHttpError(422, 'invalid-document', 'no', `row (${refused})`);
    written.push(...rows);
    return [];
  };
  return { post, written, requests: () => requests };
}

describe('pushIsolatingRefusals', () => {
  it('writes every good row and names each bad one with its own refusal', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => i);
    const upstream = upstreamRefusing(new Set([17, 150]));
    const outcome = await pushIsolatingRefusals(rows, upstream.post);
    expect(outcome.refused.map((r) => [r.row, r.error.detail])).toEqual([
      [17, 'row (17)'],
      [150, 'row (150)'],
    ]);
    expect([...upstream.written].sort((a, b) => a - b)).toEqual(rows.filter((r) => r !== 17 && r !== 150));
    // 2 bad rows among 200: bounded by 1 + 2·k·log2(n), not one request per row.
    expect(upstream.requests()).toBeLessThanOrEqual(1 + 2 * 2 * 8);
  });

  it('throws a transient failure as it is, for the caller to retry', async () => {
    const post = async () => {
      throw new SyncHttpError(503, 'internal-error', 'down');
    };
    await expect(pushIsolatingRefusals([1, 2], post)).rejects.toThrow(/503/);
  });
});

describe('isDocumentRefusal', () => {
  it('is true for refusals of what a push carries, false for the link, the device and the server', () => {
    const refusal = (status: number, code: string) => isDocumentRefusal(new SyncHttpError(status, code, ''));
    expect(refusal(422, 'invalid-document')).toBe(true);
    expect(refusal(413, 'document-too-large')).toBe(true);
    expect(refusal(403, 'device-forbidden')).toBe(true);
    expect(refusal(413, 'http-413')).toBe(true); // a proxy's own page
    expect(refusal(401, 'token-revoked')).toBe(false);
    expect(refusal(429, 'rate-limited')).toBe(false);
    expect(refusal(403, 'master-data-read-only')).toBe(false);
    expect(refusal(404, 'unknown-collection')).toBe(false);
    expect(refusal(503, 'replica-unavailable')).toBe(false);
    expect(isDocumentRefusal(new TypeError('fetch failed'))).toBe(false);
  });
});
