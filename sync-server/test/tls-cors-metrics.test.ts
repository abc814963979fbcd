import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { openPgliteDatabase } from '../src/db/pglite-database.js';
import { buildMetricsServer } from '../src/server.js';
import { type Harness, METRICS_TOKEN, startHarness } from './support/harness.js';

/** Issue 9: HTTPS when given a certificate and key, a CORS allow-list, and /metrics behind its own token. */

function listeningPort(h: Harness): number {
  const address = h.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function httpsGet(port: number, path: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port, path, ca, servername: 'localhost' },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += String(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('HTTPS from a certificate and key', () => {
  let dir: string;
  let db: Database;
  let h: Harness;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-tls-'));
    // A self-signed certificate made for this run (openssl CLI), valid for 127.0.0.1 and localhost.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const config = configFromEnv({
      STOREFLOOR_TLS_CERT_FILE: join(dir, 'cert.pem'),
      STOREFLOOR_TLS_KEY_FILE: join(dir, 'key.pem'),
    });
    if (!config.tls) throw new Error('config read no TLS files');
    cert = readFileSync(join(dir, 'cert.pem'));
    db = await openPgliteDatabase('memory://');
    h = await startHarness(db, { tls: config.tls });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS, verified against the certificate; plain HTTP on that port gets no answer', async () => {
    const port = listeningPort(h);
    const health = await httpsGet(port, '/healthz', cert);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('a half-configured TLS is a start-up error naming the variable', () => {
    expect(() => configFromEnv({ STOREFLOOR_TLS_CERT_FILE: join(dir, 'cert.pem') })).toThrow(
      /STOREFLOOR_TLS_KEY_FILE/,
    );
    expect(() =>
      configFromEnv({
        STOREFLOOR_TLS_CERT_FILE: '/nonexistent.pem',
        STOREFLOOR_TLS_KEY_FILE: '/nonexistent.pem',
      }),
    ).toThrow(/STOREFLOOR_TLS_CERT_FILE: cannot read/);
  });
});

describe('CORS allow-list and the metrics token', () => {
  let db: Database;
  let h: Harness;
  const allowed = 'https://backoffice.example.com';

  beforeAll(async () => {
    db = await openPgliteDatabase('memory://');
    h = await startHarness(db, { corsOrigins: [allowed] });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('answers CORS for an origin on the list and never echoes another one', async () => {
    const preflight = (origin: string) =>
      h.app.inject({
        method: 'OPTIONS',
        url: '/sync/sales/pull',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const ok = await preflight(allowed);
    expect(ok.headers['access-control-allow-origin']).toBe(allowed);
    const evil = await preflight('https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await h.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await h.app.inject({ method: 'GET', url: '/healthz', headers: { origin: allowed } })).headers[
        'access-control-allow-origin'
      ],
    ).toBe(allowed);
  });

  it('the live stream names only an allowed origin', async () => {
    const device = await h.enroll('store-cors');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (origin: string) => {
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${listeningPort(h)}/sync/products/stream`, {
        headers: { authorization: `Bearer ${device.token}`, origin },
        signal: controller.signal,
      });
      const header = response.headers.get('access-control-allow-origin');
      controller.abort();
      return header;
    };
    expect(await open(allowed)).toBe(allowed);
    expect(await open('https://evil.example')).toBeNull();
  });

  it('/metrics needs its own token: none, a device or the admin token are refused', async () => {
    const device = await h.enroll('store-metrics');
    for (const authorization of [undefined, `Bearer ${device.token}`, 'Bearer test-admin-token-0123456789']) {
      const response = await h.app.inject({
        method: 'GET',
        url: '/metrics',
        ...(authorization ? { headers: { authorization } } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'metrics-token-required' } });
    }
    const scraped = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('storefloor_sync_open_streams');
  });

  it('or on a listener of its own, and then not on the public one', async () => {
    const noMetricsDb = await openPgliteDatabase('memory://');
    const publicApp = await startHarness(noMetricsDb, { metrics: false });
    const metricsApp = await buildMetricsServer(publicApp.app.syncMetrics, undefined);
    try {
      expect((await publicApp.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const scraped = await metricsApp.inject({ method: 'GET', url: '/metrics' });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toContain('storefloor_sync_pushes_total');
    } finally {
      await metricsApp.close();
      await publicApp.close();
      await noMetricsDb.close();
    }
  });

  it('configuration: origins are checked, the metrics listener is its own address', () => {
    expect(() => configFromEnv({ STOREFLOOR_CORS_ORIGINS: '*' })).toThrow(/STOREFLOOR_CORS_ORIGINS/);
    const config = configFromEnv({
      STOREFLOOR_CORS_ORIGINS: `${allowed}, http://localhost:5173`,
      STOREFLOOR_METRICS_PORT: '9464',
      STOREFLOOR_RATE_PUSHES_PER_MINUTE: '50',
    });
    expect(config.corsOrigins).toEqual([allowed, 'http://localhost:5173']);
    expect(config.metricsListen).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(config.rateLimits.pushesPerMinutePerDevice).toBe(50);
    expect(() => configFromEnv({ STOREFLOOR_MAX_STREAMS_PER_DEVICE: '0' })).toThrow(
      /STOREFLOOR_MAX_STREAMS_PER_DEVICE/,
    );
  });
});
