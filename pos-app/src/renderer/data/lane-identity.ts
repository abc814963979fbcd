/**
 * The lane's enrollment: its device id, store and bearer token from `POST /api/enroll`. Lane-local state,
 * kept in the browser's storage, never in a replicated collection (ARCHITECTURE.md §3).
 */
export interface LaneIdentity {
  readonly deviceId: string;
  readonly storeId: string;
  readonly token: string;
}

const KEY = 'storefloor.lane-identity';

export function loadIdentity(storage: Storage = localStorage): LaneIdentity | undefined {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<LaneIdentity> | null;
    if (v && typeof v.deviceId === 'string' && typeof v.storeId === 'string' && typeof v.token === 'string')
      return { deviceId: v.deviceId, storeId: v.storeId, token: v.token };
  } catch {
    // A damaged entry means: not enrolled; the cashier enrolls again.
  }
  return undefined;
}

export type EnrollResult =
  | { readonly ok: true; readonly identity: LaneIdentity }
  | { readonly ok: false; readonly reason: string };

/** Trades a single-use enrollment code for the lane's token, and remembers it. */
export async function enroll(
  upstreamUrl: string,
  code: string,
  label: string,
  storage: Storage = localStorage,
): Promise<EnrollResult> {
  let response: Response;
  try {
    response = await fetch(`${upstreamUrl.replace(/\/+$/, '')}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.trim(), label }),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  const body = (await response.json().catch(() => ({}))) as {
    deviceId?: string;
    storeId?: string;
    token?: string;
    error?: { code?: string };
  };
  if (response.status !== 201 || !body.deviceId || !body.storeId || !body.token) {
    return { ok: false, reason: body.error?.code ?? `http-${response.status}` };
  }
  const identity = { deviceId: body.deviceId, storeId: body.storeId, token: body.token };
  storage.setItem(KEY, JSON.stringify(identity));
  return { ok: true, identity };
}
