import type { Readable } from 'node:stream';
import { Readable as NodeReadable } from 'node:stream';

/**
 * What HQ answered, or why it could not answer. HQ's own failures carry the code of its error catalog
 * (`sync-server/src/errors/catalog.ts`); the client adds `hq-unreachable` and `hq-bad-answer`.
 */
export type HqResult<T> =
  | { readonly ok: true; readonly status: number; readonly value: T }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly status?: number;
      /** The whole error body (an import failure carries its report here). */
      readonly body?: unknown;
    };

export interface HqClientOptions {
  /** HQ's base URL, e.g. http://127.0.0.1:8780 */
  readonly baseUrl: string;
  /** The HQ admin bearer token. */
  readonly token: string;
}

interface HqErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly detail?: string };
}

/** The HQ admin API over HTTP: one method per call shape, every failure a value. */
export class HqClient {
  readonly baseUrl: string;
  private readonly token: string;

  constructor(options: HqClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`hq: "${options.baseUrl}" is not a URL (e.g. http://127.0.0.1:8780)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`hq: "${options.baseUrl}" must be an http:// or https:// URL`);
    }
    this.baseUrl = url.href.replace(/\/$/, '');
    this.token = options.token;
  }

  get<T>(path: string): Promise<HqResult<T>> {
    return this.send<T>('GET', path, undefined);
  }

  post<T>(path: string, body?: unknown): Promise<HqResult<T>> {
    return this.send<T>(
      'POST',
      path,
      body === undefined ? undefined : JSON.stringify(body),
      'application/json',
    );
  }

  patch<T>(path: string, body: unknown): Promise<HqResult<T>> {
    return this.send<T>('PATCH', path, JSON.stringify(body), 'application/json');
  }

  put<T>(path: string, body: unknown): Promise<HqResult<T>> {
    return this.send<T>('PUT', path, JSON.stringify(body), 'application/json');
  }

  delete<T>(path: string): Promise<HqResult<T>> {
    return this.send<T>('DELETE', path, undefined);
  }

  /** Streams `body` (a file being read) as the request body: HQ's import reads it row by row. */
  upload<T>(path: string, body: Readable, contentType: string): Promise<HqResult<T>> {
    return this.send<T>('POST', path, NodeReadable.toWeb(body) as ReadableStream<Uint8Array>, contentType);
  }

  private async send<T>(
    method: string,
    path: string,
    body: string | ReadableStream<Uint8Array> | undefined,
    contentType?: string,
  ): Promise<HqResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (contentType !== undefined) headers['content-type'] = contentType;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        // A streamed request body needs half-duplex in Node's fetch.
        ...(typeof body === 'object' ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      return {
        ok: false,
        code: 'hq-unreachable',
        message: `HQ at ${this.baseUrl} cannot be reached (${why}); check --hq / STOREFLOOR_HQ_URL and that HQ runs`,
      };
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      return {
        ok: false,
        code: 'hq-bad-answer',
        status: response.status,
        message: `HQ answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`,
      };
    }
    if (response.ok) return { ok: true, status: response.status, value: parsed as T };
    const error = (parsed as HqErrorBody | undefined)?.error;
    const detail = error?.detail ? `: ${error.detail}` : '';
    return {
      ok: false,
      code: error?.code ?? `http-${response.status}`,
      status: response.status,
      message: `${error?.message ?? `HQ answered ${response.status}`}${detail}`,
      body: parsed,
    };
  }
}
