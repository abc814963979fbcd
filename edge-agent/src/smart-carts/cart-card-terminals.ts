import { readFileSync } from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { err, ok, type Result } from '@storefloor/core';
import { NexoPaymentTerminal, type TerminalResult } from '@storefloor/device-drivers';

/** Every cart not named by another terminal pays at this one (a shared terminal at the cart checkout point). */
export const ANY_CART = '*';

/** One nexo Sale-to-POI card terminal the agent drives for carts. */
export const CartTerminalSchema = Type.Object(
  {
    /** The terminal's name in the agent (logs, tender facts). */
    id: Type.String({ minLength: 1, maxLength: 64 }),
    /** Its local Terminal API endpoint, e.g. `https://192.168.1.20:8443/nexo`. */
    url: Type.String({ pattern: '^https?://' }),
    /** MessageHeader.POIID: `[model]-[serial]`. */
    poiId: Type.String({ minLength: 1, maxLength: 64 }),
    /** MessageHeader.SaleID the agent speaks as (default `edge-carts`). */
    saleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** PEM of the terminal's certificate or CA (an https URL needs one of the two). */
    ca: Type.Optional(Type.String({ minLength: 1 })),
    caFile: Type.Optional(Type.String({ minLength: 1 })),
    /** The carts it serves, by cart id; `*` for every cart not named by another terminal. */
    carts: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1 }),
    replyTimeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
    statusTimeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
    statusAttempts: Type.Optional(Type.Integer({ minimum: 1 })),
    pollDelayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type CartTerminalConfig = Static<typeof CartTerminalSchema>;

const CartTerminalsFileSchema = Type.Object(
  { terminals: Type.Array(CartTerminalSchema) },
  { additionalProperties: false },
);

/** Checks a list of cart terminals; a mistake fails here naming the option. */
export function parseCartTerminals(value: unknown, source = 'cart terminals'): CartTerminalConfig[] {
  const wrapped = { terminals: value };
  if (!Value.Check(CartTerminalsFileSchema, wrapped)) {
    const first = [...Value.Errors(CartTerminalsFileSchema, wrapped)][0];
    throw new Error(`${source}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`);
  }
  const terminals = wrapped.terminals;
  const ids = new Set<string>();
  const served = new Map<string, string>();
  for (const [index, t] of terminals.entries()) {
    if (ids.has(t.id)) throw new Error(`${source}: /terminals/${index}/id "${t.id}" is used twice`);
    ids.add(t.id);
    if (t.url.startsWith('https:') && !t.ca && !t.caFile)
      throw new Error(`${source}: /terminals/${index} an https terminal needs "ca" or "caFile"`);
    for (const cart of t.carts) {
      const other = served.get(cart);
      if (other)
        throw new Error(`${source}: /terminals/${index}/carts "${cart}" is served by "${other}" already`);
      served.set(cart, t.id);
    }
  }
  return terminals;
}

/** Reads `{ "terminals": [CartTerminalConfig…] }` (`STOREFLOOR_CART_TERMINALS_FILE`). */
export function loadCartTerminals(file: string): CartTerminalConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (key !== 'terminals') throw new Error(`${file}: ${key}: is not an option of the cart terminals file`);
  return parseCartTerminals(record.terminals, file).map((t) =>
    t.caFile && !t.ca ? { ...t, ca: readFileSync(t.caFile, 'utf8') } : t,
  );
}

/** Why a card payment did not go through. `card-unknown`: no final answer; the same tender is asked again. */
export type CardFailure =
  | 'card-declined'
  | 'card-cancelled'
  | 'terminal-busy'
  | 'terminal-not-ready'
  | 'card-unknown'
  | 'card-invalid';

export interface CardCharge {
  readonly terminalId: string;
  /** The sale's tender id: the terminal's idempotency key (nexo SaleTransactionID, its ServiceIDs). */
  readonly tenderId: string;
  readonly amount: number;
  readonly currency: string;
}

/** What the cart's checkout needs of its terminals. */
export interface CartCardPayment {
  /** The terminal that serves a cart, if any. */
  terminalOf(cartId: string): string | undefined;
  purchase(charge: CardCharge): Promise<Result<{ readonly reference: string }, CardFailure>>;
  /** What the terminal knows of a tender whose outcome was not learnt. */
  status(
    terminalId: string,
    tenderId: string,
  ): Promise<Result<TerminalResult['outcome'], 'terminal-not-ready' | 'card-unknown'>>;
}

/**
 * The card terminals the agent drives for its carts: device-drivers' nexo driver per terminal (open →
 * claim → enable at start, reconnecting by itself), one transaction at a time per terminal (a shared
 * terminal serves the carts in turn rather than answering Busy), the tender id as the idempotency key.
 */
export class CartCardTerminals implements CartCardPayment {
  readonly #terminals = new Map<string, NexoPaymentTerminal>();
  readonly #byCart = new Map<string, string>();
  readonly #turns = new Map<string, Promise<unknown>>();

  constructor(configs: readonly CartTerminalConfig[]) {
    for (const t of parseCartTerminals(configs)) {
      this.#terminals.set(
        t.id,
        new NexoPaymentTerminal({
          id: t.id,
          url: t.url,
          poiId: t.poiId,
          saleId: t.saleId ?? 'edge-carts',
          ...(t.ca ? { ca: t.ca } : t.caFile ? { ca: readFileSync(t.caFile, 'utf8') } : {}),
          ...(t.replyTimeoutMs ? { replyTimeoutMs: t.replyTimeoutMs } : {}),
          ...(t.statusTimeoutMs ? { statusTimeoutMs: t.statusTimeoutMs } : {}),
          ...(t.statusAttempts ? { statusAttempts: t.statusAttempts } : {}),
          ...(t.pollDelayMs !== undefined ? { pollDelayMs: t.pollDelayMs } : {}),
        }),
      );
      for (const cart of t.carts) this.#byCart.set(cart, t.id);
    }
  }

  get size(): number {
    return this.#terminals.size;
  }

  /** Opens every terminal; one not answering yet keeps reconnecting (a card payment then waits for it). */
  async start(onOffline?: (terminalId: string, detail: string) => void): Promise<void> {
    for (const [id, terminal] of this.#terminals) {
      const opened = await terminal.open();
      if (!opened.ok) onOffline?.(id, `${opened.reason} ${opened.detail ?? ''}`.trim());
      await terminal.claim();
      await terminal.enable();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#turns.values()].map((t) => t.catch(() => undefined)));
    await Promise.all([...this.#terminals.values()].map((t) => t.shutdown()));
  }

  terminalOf(cartId: string): string | undefined {
    return this.#byCart.get(cartId) ?? this.#byCart.get(ANY_CART);
  }

  async purchase(charge: CardCharge): Promise<Result<{ readonly reference: string }, CardFailure>> {
    const terminal = this.#terminals.get(charge.terminalId);
    if (!terminal) return err('terminal-not-ready', `no terminal "${charge.terminalId}"`);
    const paid = await this.#turn(charge.terminalId, () =>
      terminal.purchase({
        requestId: charge.tenderId,
        amount: { minor: charge.amount, currency: charge.currency },
        method: 'card',
      }),
    );
    if (paid.ok) return ok({ reference: cardTenderReference(paid.value) });
    switch (paid.reason) {
      case 'declined':
        return err('card-declined', paid.detail);
      case 'cancelled':
        return err('card-cancelled', paid.detail);
      case 'busy':
        return err('terminal-busy', paid.detail);
      case 'not-enabled':
        return err('terminal-not-ready', paid.detail);
      case 'invalid-request':
        return err('card-invalid', paid.detail);
      default:
        // 'timeout', 'protocol-error': the terminal may have charged; only the same tender may be asked again.
        return err('card-unknown', paid.detail);
    }
  }

  async status(
    terminalId: string,
    tenderId: string,
  ): Promise<Result<TerminalResult['outcome'], 'terminal-not-ready' | 'card-unknown'>> {
    const terminal = this.#terminals.get(terminalId);
    if (!terminal) return err('terminal-not-ready', `no terminal "${terminalId}"`);
    const status = await this.#turn(terminalId, () => terminal.transactionStatus(tenderId));
    if (!status.ok)
      return err(status.reason === 'not-enabled' ? 'terminal-not-ready' : 'card-unknown', status.detail);
    return ok(status.value.outcome);
  }

  /** One transaction at a time per terminal, in the order asked. */
  #turn<T>(terminalId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#turns.get(terminalId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    this.#turns.set(terminalId, next);
    return next;
  }
}

/**
 * The card tender's reference in the lane's form (pos-app `payments/card-reference.ts`), so a return at a
 * lane refunds it by its POI transaction: `nexo:<TransactionID>@<TimeStamp>;auth:<ApprovalCode>`, at most
 * 200 characters (core's reference), the approval code dropped first.
 */
export function cardTenderReference(approval: {
  readonly authCode: string;
  readonly transactionId: string;
  readonly timeStamp: string;
}): string {
  const nexo =
    approval.transactionId && approval.timeStamp && !approval.transactionId.includes(';auth:')
      ? `nexo:${approval.transactionId}@${approval.timeStamp}`
      : undefined;
  const candidates = [
    nexo && approval.authCode ? `${nexo};auth:${approval.authCode}` : undefined,
    nexo,
    approval.authCode || undefined,
  ];
  return candidates.find((c): c is string => c !== undefined && c.length <= 200) ?? '';
}
