import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * The lane's own scheme in Electron: `app://lane/…` serves the built renderer, and `app://lane/hq/…` is forwarded
 * to the sync upstream (HQ or the edge agent). The page then has one origin, as in the browser (`/hq` on the
 * lane server): no file: origin, no CORS at the upstream, and a CSP whose connect-src is only 'self'. Electron's
 * security checklist asks for exactly this ("use a custom protocol instead of file://").
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'lane';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;

/** registerSchemesAsPrivileged's entry: a standard, secure origin with fetch and streamed bodies (SSE). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Request headers that belong to the page's hop, not to the upstream's. */
const HOP_HEADERS = new Set(['host', 'origin', 'referer', 'connection', 'content-length', 'cookie']);

export interface AppProtocolOptions {
  /** dist/renderer of the Vite build. */
  readonly rendererDir: string;
  /** Base URL of the sync upstream, e.g. `http://10.0.0.5:8785`. */
  readonly upstreamUrl: string;
  /** Headers added to every file response (the CSP). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Node's fetch by default; tests may hand another. */
  readonly fetch?: typeof fetch;
}

/** The handler for `protocol.handle('app', …)`: a Fetch API Request in, a Response out. */
export function appProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.rendererDir);
  const upstream = new URL(
    options.upstreamUrl.endsWith('/') ? options.upstreamUrl : `${options.upstreamUrl}/`,
  );
  const doFetch = options.fetch ?? fetch;
  return async (request) => {
    const url = new URL(request.url);
    // Compared by parts: WHATWG URL gives a non-special scheme the opaque origin "null".
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
      return new Response(null, { status: 404 });
    if (url.pathname.startsWith('/hq/')) return forward(request, url, upstream, doFetch);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response(null, { status: 400 });
    }
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return new Response(null, { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...options.headers },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
}

async function forward(request: Request, url: URL, upstream: URL, doFetch: typeof fetch): Promise<Response> {
  const target = new URL(`${url.pathname.slice('/hq/'.length)}${url.search}`, upstream);
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!HOP_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  try {
    const answer = await doFetch(target, {
      method: request.method,
      headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
      signal: request.signal,
      redirect: 'manual',
    });
    // The body streams through (server-sent events keep flowing). fetch has already undone any compression,
    // so the encoding and length headers of the upstream's bytes no longer describe this body.
    const headersOut = new Headers(answer.headers);
    headersOut.delete('content-encoding');
    headersOut.delete('content-length');
    return new Response(answer.body, { status: answer.status, headers: headersOut });
  } catch {
    return Response.json(
      { error: { code: 'upstream-unreachable', message: 'the upstream did not answer' } },
      { status: 502 },
    );
  }
}
