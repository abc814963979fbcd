/** A sync server answered with an error: `code` is the stable code from its catalog (branch on it). */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's own message for the code, as it sent it. */
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(`${status} ${code}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'SyncHttpError';
  }

  /** The credentials are wrong or revoked: retrying will not help until the device is enrolled again. */
  get isAuthFailure(): boolean {
    return this.status === 401;
  }
}

/** Builds the error of a non-2xx response from its `{ error: { code, message, detail? } }` body. */
export async function errorOfResponse(response: Response): Promise<SyncHttpError> {
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
    // Not a catalog body (a proxy's error page): keep the HTTP status as the code.
  }
  return new SyncHttpError(response.status, code, message, detail);
}
