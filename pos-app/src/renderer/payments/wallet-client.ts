import { err, ok, type Result } from '@storefloor/core';

// The lane's side of wallet payments (issue 15). The lane never holds wallet credentials: it asks the store's
// edge agent (its sync upstream) to charge a scanned payment code or a face code, and to refund one.

export type WalletProvider = 'wechat-pay' | 'alipay';

/** Why a wallet tender did not stand; every one leaves the sale open for another tender. */
export type WalletLaneFailure =
  /** Codes the agent answers with the provider's outcome (`detail` carries the provider's own code). */
  | 'invalid-code'
  | 'code-expired'
  | 'insufficient-balance'
  | 'declined'
  | 'duplicate-tender'
  | 'rejected'
  | 'bad-signature'
  | 'amount-mismatch'
  | 'timed-out'
  | 'unknown'
  | 'wan-down'
  | 'invalid-request'
  /** The lane's own: the agent cannot be reached, or takes no wallets, or refused the request. */
  | 'agent-unreachable'
  | 'wallet-not-configured'
  | 'wallet-tender-conflict';

export interface WalletTenderPaid {
  readonly tenderId: string;
  readonly provider: WalletProvider;
  readonly providerTradeNo: string;
  readonly amount: { readonly minor: number; readonly currency: string };
}

export interface WalletConnection {
  /** The agent's base URL as this page reaches it (the lane config's `upstreamUrl`). */
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
}

interface TenderView {
  tenderId: string;
  provider: WalletProvider;
  state: 'pending' | 'waiting-for-shopper' | 'paid' | 'failed';
  amount: { minor: number; currency: string };
  providerTradeNo?: string;
  failure?: { reason: WalletLaneFailure; detail?: string };
}

/** A wallet tender's id is its `out_trade_no`: at most 32 letters and digits, so a UUID loses its dashes. */
export function walletTenderId(uuid: string): string {
  return uuid.replaceAll('-', '');
}

async function call(
  c: WalletConnection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Result<{ status: number; json: Record<string, unknown> }, WalletLaneFailure>> {
  let res: Response;
  try {
    res = await (c.fetch ?? fetch)(`${c.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${c.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    return err('agent-unreachable', e instanceof Error ? e.message : String(e));
  }
  let json: Record<string, unknown>;
  try {
    json = (await res.json()) as Record<string, unknown>;
  } catch {
    // A sync upstream without wallet routes (HQ itself, an older agent) or a proxy's error page.
    return err('agent-unreachable', `HTTP ${res.status} without a JSON answer`);
  }
  const error = json.error as { code?: string; detail?: string; message?: string } | undefined;
  if (res.status >= 400 || error) {
    const code = error?.code;
    if (code === 'wallet-not-configured' || code === 'not-found')
      return err('wallet-not-configured', error?.detail ?? error?.message);
    if (code === 'wallet-tender-conflict') return err('wallet-tender-conflict', error?.detail);
    if (res.status >= 500 && code !== 'invalid-request')
      return err('agent-unreachable', `${code ?? res.status}: ${error?.detail ?? ''}`);
    return err('invalid-request', `${code ?? res.status}: ${error?.detail ?? error?.message ?? ''}`);
  }
  return ok({ status: res.status, json });
}

function settled(view: TenderView): Result<WalletTenderPaid, WalletLaneFailure> | undefined {
  if (view.state === 'paid')
    return ok({
      tenderId: view.tenderId,
      provider: view.provider,
      providerTradeNo: view.providerTradeNo ?? '',
      amount: view.amount,
    });
  if (view.state === 'failed' && view.failure?.reason !== 'unknown')
    return err(view.failure?.reason ?? 'unknown', view.failure?.detail);
  return undefined;
}

/** The wallets the store's agent takes; none when the upstream has no wallet routes or no credentials. */
export async function walletProviders(c: WalletConnection): Promise<WalletProvider[]> {
  const answer = await call(c, 'GET', '/api/wallet');
  if (!answer.ok) return [];
  const providers = answer.value.json.providers;
  return Array.isArray(providers)
    ? providers.filter((p): p is WalletProvider => p === 'wechat-pay' || p === 'alipay')
    : [];
}

export interface ChargeByWalletRequest {
  readonly tenderId: string;
  readonly provider: WalletProvider;
  /** The scanned payment code, or the face-pay device's code with `source: 'face'`. */
  readonly code: string;
  readonly source?: 'payment-code' | 'face';
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly subject?: string;
}

/**
 * Has the agent charge one wallet tender and follows it to an outcome. `onWaiting` is called when the
 * provider says the shopper is confirming on the phone; the agent itself polls and reverses at the limit, so
 * the lane only asks where the tender stands. Asking again with the same tender id is the same charge.
 */
export async function chargeByWallet(
  c: WalletConnection,
  request: ChargeByWalletRequest,
  options: { onWaiting?: () => void; signal?: AbortSignal } = {},
): Promise<Result<WalletTenderPaid, WalletLaneFailure>> {
  const first = await call(c, 'POST', '/api/wallet/payments', request);
  if (!first.ok) return first;
  let view = first.value.json as unknown as TenderView;
  let waitingShown = false;
  // The agent reverses at ~45 s and says so; the lane's own bound covers an agent that went away meanwhile.
  const giveUpAt = Date.now() + 90_000;
  for (;;) {
    const outcome = settled(view);
    if (outcome) return outcome;
    if (view.state === 'waiting-for-shopper' && !waitingShown) {
      waitingShown = true;
      options.onWaiting?.();
    }
    if (options.signal?.aborted || Date.now() > giveUpAt)
      return err('unknown', `tender ${request.tenderId} is still ${view.state} at the agent`);
    const next = await call(
      c,
      'GET',
      `/api/wallet/payments/${encodeURIComponent(request.tenderId)}?waitMs=1000`,
    );
    if (!next.ok) {
      if (next.reason !== 'agent-unreachable') return next;
      // The agent goes on with the charge: ask again rather than give the tender up.
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    view = next.value.json as unknown as TenderView;
  }
}

export type WalletRefundFailure =
  | 'refund-exceeds-payment'
  | 'tender-not-found'
  | 'tender-not-paid'
  | 'refund-conflict'
  | 'rejected'
  | 'bad-signature'
  | 'unknown'
  | 'wan-down'
  | 'invalid-request'
  | 'agent-unreachable'
  | 'wallet-not-configured';

export interface WalletRefunded {
  readonly tenderId: string;
  readonly refundId: string;
  readonly provider: WalletProvider;
  readonly amount: { readonly minor: number; readonly currency: string };
}

export interface RefundToWalletRequest {
  /** The original sale's wallet tender id (its `out_trade_no`). */
  readonly tenderId: string;
  /**
   * The refund's own id (`out_refund_no` / `out_request_no`), e.g. `walletTenderId(returnTenderId)`: sent again
   * with the same id it is the same refund, so a lost answer is retried safely.
   */
  readonly refundId: string;
  readonly amount: { readonly minor: number; readonly currency: string };
}

const REFUND_CODES: Readonly<Record<string, WalletRefundFailure>> = {
  'wallet-refund-exceeds-payment': 'refund-exceeds-payment',
  'wallet-tender-not-found': 'tender-not-found',
  'wallet-tender-not-paid': 'tender-not-paid',
  'wallet-refund-conflict': 'refund-conflict',
  'wallet-not-configured': 'wallet-not-configured',
};

/**
 * Refunds (part of) a wallet tender to the shopper's wallet through the agent, for a returned line. A refund
 * larger than what is left of the payment is refused before the provider is called; the same refund id twice
 * is one refund. On success the return records a `wallet` tender whose reference names the provider.
 */
export async function refundToWallet(
  c: WalletConnection,
  request: RefundToWalletRequest,
): Promise<Result<WalletRefunded, WalletRefundFailure>> {
  let res: Response;
  try {
    res = await (c.fetch ?? fetch)(`${c.baseUrl.replace(/\/+$/, '')}/api/wallet/refunds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    return err('agent-unreachable', e instanceof Error ? e.message : String(e));
  }
  let json: {
    error?: { code?: string; detail?: string };
    state?: string;
    provider?: WalletProvider;
    failure?: { reason?: WalletRefundFailure; detail?: string };
    amount?: { minor: number; currency: string };
  };
  try {
    json = (await res.json()) as typeof json;
  } catch {
    return err('agent-unreachable', `HTTP ${res.status} without a JSON answer`);
  }
  if (json.error) {
    const code = json.error.code ?? '';
    return err(
      REFUND_CODES[code] ?? (res.status >= 500 ? 'agent-unreachable' : 'invalid-request'),
      json.error.detail ?? code,
    );
  }
  if (json.state === 'refunded' && json.provider && json.amount)
    return ok({
      tenderId: request.tenderId,
      refundId: request.refundId,
      provider: json.provider,
      amount: json.amount,
    });
  // `pending`: the provider's answer was lost; the same refund id sent again settles it.
  return err(json.failure?.reason ?? 'unknown', json.failure?.detail ?? `refund is ${json.state}`);
}
