import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Forwards `/hq/*` from the page's origin to the sync upstream (HQ or the edge agent), streaming both ways
 * so server-sent events pass through. The browser then needs no CORS from HQ. `setLinked(false)` cuts the
 * link as a failed WAN would: open requests are dropped and new ones refused with 503 (tests, demos).
 */
export class UpstreamProxy {
  readonly #target: URL;
  readonly #open = new Set<ServerResponse>();
  #linked = true;

  constructor(upstreamUrl: string) {
    this.#target = new URL(upstreamUrl);
  }

  get linked(): boolean {
    return this.#linked;
  }

  setLinked(linked: boolean): void {
    this.#linked = linked;
    if (!linked) for (const res of this.#open) res.destroy();
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (!this.#linked) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'upstream-unreachable', message: 'the link to the upstream is down' },
        }),
      );
      req.resume();
      return;
    }
    const url = new URL(path, this.#target);
    const headers = { ...req.headers, host: url.host };
    delete headers.origin;
    delete headers.referer;
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    this.#open.add(res);
    res.on('close', () => {
      this.#open.delete(res);
      upstream.destroy();
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { code: 'upstream-unreachable', message: 'the upstream did not answer' } }),
        );
      } else res.destroy();
    });
    req.pipe(upstream);
  }
}
