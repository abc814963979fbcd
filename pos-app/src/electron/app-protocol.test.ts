import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from './app-protocol.js';

/** A real upstream on a socket: records what reached it, answers JSON, and streams server-sent events. */
describe("the lane's app:// scheme in Electron", () => {
  let dir: string;
  let upstream: Server;
  let upstreamUrl: string;
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lane-renderer-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>lane</title>');
    await writeFile(join(dir, 'app.js'), 'console.log(1)');
    await writeFile(join(tmpdir(), 'outside-the-renderer.txt'), 'secret');
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/sync/products/stream')) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: "RESYNC"\n\n');
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    handle = appProtocolHandler({
      rendererDir: dir,
      upstreamUrl,
      headers: { 'Content-Security-Policy': "default-src 'self'" },
    });
  });

  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise<void>((r) => upstream.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the built renderer with its type and the CSP, and nothing outside it', async () => {
    const index = await handle(new Request('app://lane/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await index.text()).toContain('<title>lane</title>');
    expect((await handle(new Request('app://lane/app.js'))).headers.get('content-type')).toContain(
      'javascript',
    );
    expect((await handle(new Request('app://lane/missing.js'))).status).toBe(404);
    // A path that climbs out of the renderer folder never reaches the file: the URL parser drops an encoded
    // dot segment (then it is simply not in the folder), and an encoded slash is refused after decoding.
    const dotted = await handle(new Request('app://lane/%2e%2e/outside-the-renderer.txt'));
    expect(dotted.status).toBe(404);
    expect((await handle(new Request('app://lane/..%2Foutside-the-renderer.txt'))).status).toBe(403);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('forwards /hq/ to the upstream with method, query, body and auth, without the page origin', async () => {
    const answer = await handle(
      new Request('app://lane/hq/sync/sales/push?x=1', {
        method: 'POST',
        headers: {
          authorization: 'Bearer lane-token',
          'content-type': 'application/json',
          origin: 'app://lane',
        },
        body: JSON.stringify([{ newDocumentState: { id: 's1' } }]),
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-upstream')).toBe('yes');
    expect(await answer.json()).toEqual({ ok: true });
    const got = seen.at(-1)!;
    expect(got).toMatchObject({ method: 'POST', url: '/sync/sales/push?x=1' });
    expect(got.headers.authorization).toBe('Bearer lane-token');
    expect(got.headers.origin).toBeUndefined();
    expect(JSON.parse(got.body)).toEqual([{ newDocumentState: { id: 's1' } }]);
  });

  it('streams server-sent events through as they come', async () => {
    const answer = await handle(new Request('app://lane/hq/sync/products/stream'));
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    const reader = answer.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: "RESYNC"\n\n');
    await reader.cancel();
  });

  it('answers 502 upstream-unreachable when the upstream is down', async () => {
    const down = appProtocolHandler({ rendererDir: dir, upstreamUrl: 'http://127.0.0.1:9' });
    const answer = await down(new Request('app://lane/hq/healthz'));
    expect(answer.status).toBe(502);
    expect(await answer.json()).toMatchObject({ error: { code: 'upstream-unreachable' } });
  });
});
