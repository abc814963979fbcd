/** What came back from a wallet gateway over the WAN, or why nothing did. */
export type GatewayAnswer =
  | { readonly ok: true; readonly status: number; readonly text: string }
  /** `unreachable`: no connection (the WAN is down; nothing was sent). `no-answer`: sent, no reply in time. */
  | { readonly ok: false; readonly reason: 'unreachable' | 'no-answer'; readonly detail: string };

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** POSTs one request body and reads the answer as text. Never throws. */
export async function postToGateway(
  url: string,
  body: string,
  contentType: string,
  timeoutMs: number,
): Promise<GatewayAnswer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: true, status: res.status, text: await res.text() };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    if (cause?.code && UNREACHABLE.has(cause.code))
      return { ok: false, reason: 'unreachable', detail: cause.code };
    return { ok: false, reason: 'no-answer', detail: e instanceof Error ? e.message : String(e) };
  }
}

export async function getFromGateway(url: string, timeoutMs: number): Promise<GatewayAnswer> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, status: res.status, text: await res.text() };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    if (cause?.code && UNREACHABLE.has(cause.code))
      return { ok: false, reason: 'unreachable', detail: cause.code };
    return { ok: false, reason: 'no-answer', detail: e instanceof Error ? e.message : String(e) };
  }
}
