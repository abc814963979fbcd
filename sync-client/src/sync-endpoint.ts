import { errorOfResponse } from './sync-http-error.js';

/** Where one collection replicates: `${url}/sync/${collection}/{pull,push,stream}` with a bearer token. */
export interface SyncEndpoint {
  readonly url: string;
  readonly collection: string;
  readonly token: string;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

export function endpointUrl(endpoint: SyncEndpoint, action: 'pull' | 'push' | 'stream'): string {
  return `${endpoint.url.replace(/\/+$/, '')}/sync/${encodeURIComponent(endpoint.collection)}/${action}`;
}

/** POSTs JSON and returns the parsed answer; a non-2xx answer throws a `SyncHttpError` carrying its code. */
export async function postJson<T>(
  endpoint: SyncEndpoint,
  action: 'pull' | 'push',
  body: unknown,
): Promise<T> {
  const response = await endpoint.fetch(endpointUrl(endpoint, action), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(endpoint.timeoutMs),
  });
  if (!response.ok) throw await errorOfResponse(response);
  return (await response.json()) as T;
}
