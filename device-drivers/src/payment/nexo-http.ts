import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Why no JSON answer came back: the terminal could not be reached, hung up, or answered something else. */
export type NexoPostFailure = 'unreachable' | 'no-answer' | 'http-status' | 'bad-json';

export type NexoPostResult =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly reason: NexoPostFailure; readonly detail: string };

export interface NexoPostOptions {
  readonly timeoutMs: number;
  /** The terminal's certificate or its issuing CA (PEM). The local API is HTTPS with the terminal's own cert. */
  readonly ca?: string;
}

/**
 * POSTs one Terminal API message and reads the JSON answer. Never throws: a refused connection is
 * `unreachable` (nothing was sent), a connection dropped or silent after the request went out is
 * `no-answer` (the terminal may have acted on it: ask TransactionStatus, never resend blindly).
 */
export function postNexo(url: URL, message: unknown, options: NexoPostOptions): Promise<NexoPostResult> {
  const payload = Buffer.from(JSON.stringify(message));
  return new Promise((resolve) => {
    let sent = false;
    let settled = false;
    const done = (r: NexoPostResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => done({ ok: false, reason: 'no-answer', detail: e.message }));
        res.on('aborted', () => done({ ok: false, reason: 'no-answer', detail: 'answer cut short' }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) {
            done({
              ok: false,
              reason: 'http-status',
              detail: `HTTP ${res.statusCode}: ${text.slice(0, 200)}`,
            });
            return;
          }
          try {
            done({ ok: true, body: text.length === 0 ? undefined : JSON.parse(text) });
          } catch (e) {
            done({ ok: false, reason: 'bad-json', detail: e instanceof Error ? e.message : 'unparseable' });
          }
        });
      },
    );
    req.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        sent = true;
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const refused =
        !sent && ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND'].includes(e.code ?? '');
      done({ ok: false, reason: refused || !sent ? 'unreachable' : 'no-answer', detail: e.message });
    });
    req.end(payload);
  });
}
