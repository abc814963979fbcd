import { SyncHttpError } from '@storefloor/sync-client';

/** The error of a non-2xx HQ answer, with HQ's catalog code (or `http-<status>` for a proxy's page). */
async function errorOf(response: Response): Promise<SyncHttpError> {
  let code = `http-${response.status}`;
  let message = response.statusText;
  let detail: string | undefined;
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; detail?: unknown };
    };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    if (typeof body.error?.detail === 'string') detail = body.error.detail;
  } catch {
    // Not a catalog body: keep the HTTP status as the code.
  }
  return new SyncHttpError(response.status, code, message, detail);
}

/** POSTs JSON to HQ; a non-2xx answer throws a `SyncHttpError` carrying HQ's code. */
export async function postToHq<T>(
  fetchImpl: typeof fetch,
  url: string,
  body: unknown,
  options: { token?: string; timeoutMs: number },
): Promise<T> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export function hqUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
