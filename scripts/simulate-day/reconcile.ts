import type { LoyaltyEntryDoc, SaleDoc } from '@storefloor/core';
import type { ReceiptFacts } from './receipt-facts.js';

/**
 * The day's reconciliation, pure: the printed receipts (the simulator's paper) against HQ's sales, HQ's own
 * report, HQ's and the agent's stock on hand and the loyalty ledger. Every difference is listed; a check
 * that cannot be made says why and never counts as passed.
 */
export interface HqSalesReport {
  readonly taxes: readonly {
    readonly label: string;
    readonly salesTax: number;
    readonly returnsTax: number;
  }[];
  /** Cash `taken` is net of change; `refunded` is paid out on returns. */
  readonly tenders: readonly { readonly kind: string; readonly taken: number; readonly refunded: number }[];
}

export interface OnHand {
  readonly productId: string;
  readonly quantity: number;
}

export interface DayEvidence {
  readonly receipts: readonly ReceiptFacts[];
  /** Receipts the simulator printed that could not be read back (each is a failure). */
  readonly unreadableReceipts: readonly { readonly printer: string; readonly detail: string }[];
  /** Every sales document HQ holds for the store, any status, one row per stored document. */
  readonly hqSales: readonly SaleDoc[];
  /** HQ's sales report summed over the day's business days. */
  readonly hqReport: HqSalesReport;
  /** The opening stocktake per product (the count the day starts from). */
  readonly openingStock: readonly OnHand[];
  readonly hqStock: readonly OnHand[];
  readonly agentStock: readonly OnHand[];
  /** HQ's loyalty ledger for the store. */
  readonly hqLoyalty: readonly LoyaltyEntryDoc[];
  /**
   * Every charge the card terminals kept (authorised less reversed), by the sale's TransactionID the lane
   * sent, which is the card tender's id.
   */
  readonly cardCharges?: readonly {
    readonly terminal: string;
    readonly requestId: string;
    readonly amount: number;
  }[];
  /**
   * The shelf labels bound in the day: what the agent's label state says each shows and wants, the register
   * price of its product worked out from HQ's master data, and the labels the access point shows an image on.
   * Absent: the check is not made.
   */
  readonly shelfLabels?: ShelfLabelFacts;
  /** The carts' checkouts (the cart's screen: approved, exit code) and every try at the exit gate. */
  readonly cartExits?: CartExitFacts;
  /** Checks the store cannot make yet, with the reason (printed as "not checked: <why>"). */
  readonly notChecked?: readonly { readonly name: string; readonly why: string }[];
}

export interface ShelfLabelFacts {
  readonly bound: readonly { readonly labelMac: string; readonly productId: string }[];
  /** The agent's `GET /api/shelf-labels`. */
  readonly agentLabels: readonly {
    readonly labelMac: string;
    readonly productId: string;
    readonly wantedVersion: string;
    readonly wantedPrice: string;
    readonly shownVersion: string | undefined;
    readonly shownPrice: string | undefined;
  }[];
  /** The agent's `GET /api/shelf-labels/mismatches`. */
  readonly agentMismatches: readonly { readonly labelMac: string }[];
  /** What one unit (one kg when weighed) costs at the register now, per product ('12.90'). */
  readonly registerPrices: Readonly<Record<string, string>>;
  /** Labels the access point shows an image on (its control API's `GET /devices/<ap>/labels`). */
  readonly apShowing: readonly string[];
}

export interface CartExitFacts {
  readonly checkouts: readonly {
    readonly cartId: string;
    readonly sessionId: string;
    readonly exitCode: string;
  }[];
  /** Every try at the gate, in order: opened, or refused with the reason. */
  readonly gate: readonly { readonly code: string; readonly opened: boolean; readonly reason?: string }[];
}

/** MACs compared on their last 12 hex digits, upper case (the AP prints 16, a binding may hold 12). */
const macKey = (mac: string) => mac.replaceAll(':', '').toUpperCase().slice(-12);

/** Every bound label shows the register price: acknowledged by the tag, the version wanted, the price right. */
export function checkShelfLabels(facts: ShelfLabelFacts): string[] {
  const diffs: string[] = [];
  const state = new Map(facts.agentLabels.map((l) => [macKey(l.labelMac), l]));
  const showing = new Set(facts.apShowing.map(macKey));
  for (const m of facts.agentMismatches) diffs.push(`label ${m.labelMac} is on the agent's mismatch list`);
  for (const bound of facts.bound) {
    const label = state.get(macKey(bound.labelMac));
    const register = facts.registerPrices[bound.productId];
    if (!label) {
      diffs.push(`label ${bound.labelMac} (${bound.productId}) is unknown to the agent`);
      continue;
    }
    if (label.productId !== bound.productId)
      diffs.push(`label ${bound.labelMac} is bound to ${label.productId}, not ${bound.productId}`);
    if (label.shownVersion !== label.wantedVersion)
      diffs.push(
        `label ${bound.labelMac}: shows version ${label.shownVersion ?? 'none'}, the agent wants ${label.wantedVersion}`,
      );
    if (register === undefined)
      diffs.push(`label ${bound.labelMac}: ${bound.productId} has no register price`);
    else if (label.wantedPrice !== register || label.shownPrice !== register)
      diffs.push(
        `label ${bound.labelMac} (${bound.productId}): shows ${label.shownPrice ?? 'nothing'}, the agent wants ${label.wantedPrice}, the register charges ${register}`,
      );
    if (!showing.has(macKey(bound.labelMac)))
      diffs.push(`label ${bound.labelMac}: the access point shows no image on it`);
  }
  return diffs;
}

/** Every exit code opened the gate at most once; each paid cart's code opened it once; no other code did. */
export function checkCartExits(facts: CartExitFacts): string[] {
  const diffs: string[] = [];
  const opened = new Map<string, number>();
  for (const t of facts.gate) if (t.opened) opened.set(t.code, (opened.get(t.code) ?? 0) + 1);
  const issued = new Set(facts.checkouts.map((c) => c.exitCode));
  for (const [code, times] of opened) {
    if (times > 1) diffs.push(`exit code ${code} opened the gate ${times} times`);
    if (!issued.has(code)) diffs.push(`exit code ${code} opened the gate but no cart was paid with it`);
  }
  for (const c of facts.checkouts)
    if (!opened.has(c.exitCode))
      diffs.push(`${c.cartId} session ${c.sessionId}: its exit code ${c.exitCode} never opened the gate`);
  return diffs;
}

export type CheckStatus = 'passed' | 'failed' | 'not-checked';

export interface Check {
  readonly name: string;
  readonly status: CheckStatus;
  readonly summary: string;
  /** Each difference found, at most MAX_LISTED of them. */
  readonly differences: readonly string[];
  readonly differenceCount: number;
}

export interface Reconciliation {
  readonly ok: boolean;
  readonly checks: readonly Check[];
  readonly figures: {
    readonly receipts: number;
    readonly reprints: number;
    readonly hqSales: number;
    readonly hqCompleted: number;
    readonly sales: number;
    readonly returns: number;
    readonly byTender: Readonly<Record<string, { taken: number; refunded: number }>>;
    readonly byTaxRate: Readonly<Record<string, { salesTax: number; returnsTax: number }>>;
    readonly members: number;
  };
}

const MAX_LISTED = 20;

function check(name: string, differences: string[], summary: string): Check {
  return {
    name,
    status: differences.length === 0 ? 'passed' : 'failed',
    summary,
    differences: differences.slice(0, MAX_LISTED),
    differenceCount: differences.length,
  };
}

/** A sale's facts as its receipt would print them, to compare with the paper. */
function factsOf(
  sale: SaleDoc,
): Omit<ReceiptFacts, 'code' | 'printer' | 'currency' | 'memberId' | 'pointsEarned' | 'pointsSpent'> {
  return {
    kind: sale.kind,
    due: sale.totals.due,
    tenders: sale.tenders.map((t) => ({ kind: t.kind, amount: t.amount })),
    change: sale.totals.change,
    taxes: sale.taxes.map((t) => ({ label: t.label, tax: t.tax })),
  };
}

/**
 * A receipt prints a tax label in a fixed-width column, so a long label is cut short on paper: the paper's
 * label names HQ's when it is the same text or its beginning.
 */
export function labelMatches(paper: string, full: string): boolean {
  return paper === full || (paper.length >= 8 && full.startsWith(paper));
}

function sameFacts(receipt: ReceiptFacts, other: ReturnType<typeof factsOf>): string | undefined {
  const taxesMatch =
    receipt.taxes.length === other.taxes.length &&
    receipt.taxes.every((t, i) => {
      const o = other.taxes[i];
      return o !== undefined && o.tax === t.tax && labelMatches(t.label, o.label);
    });
  const mine = { kind: receipt.kind, due: receipt.due, tenders: receipt.tenders, change: receipt.change };
  const theirs = { kind: other.kind, due: other.due, tenders: other.tenders, change: other.change };
  const a = JSON.stringify(mine);
  const b = JSON.stringify(theirs);
  if (a === b && taxesMatch) return undefined;
  return `receipt says ${JSON.stringify({ ...mine, taxes: receipt.taxes })}, HQ says ${JSON.stringify({ ...theirs, taxes: other.taxes })}`;
}

const codeOf = (saleId: string) => saleId.replaceAll('-', '');

export function reconcile(evidence: DayEvidence): Reconciliation {
  const checks: Check[] = [];

  // 1. Every printed receipt is one sale at HQ exactly once; no completed sale at HQ lacks its receipt.
  const receiptDiffs: string[] = [];
  for (const bad of evidence.unreadableReceipts)
    receiptDiffs.push(`unreadable receipt on ${bad.printer}: ${bad.detail}`);
  const byCode = new Map<string, ReceiptFacts>();
  let reprints = 0;
  for (const receipt of evidence.receipts) {
    const first = byCode.get(receipt.code);
    if (!first) {
      byCode.set(receipt.code, receipt);
      continue;
    }
    // The same sale printed again (a lane restarted between printing and noting it): a copy, not a sale.
    reprints += 1;
    if (JSON.stringify({ ...first, printer: '' }) !== JSON.stringify({ ...receipt, printer: '' }))
      receiptDiffs.push(`receipt ${receipt.code} printed twice with different contents`);
  }
  const hqByCode = new Map<string, SaleDoc[]>();
  for (const sale of evidence.hqSales) {
    const list = hqByCode.get(codeOf(sale.id)) ?? [];
    list.push(sale);
    hqByCode.set(codeOf(sale.id), list);
  }
  for (const [code, list] of hqByCode)
    if (list.length > 1) receiptDiffs.push(`sale ${code} is at HQ ${list.length} times`);
  const matched: SaleDoc[] = [];
  for (const [code, receipt] of byCode) {
    const atHq = hqByCode.get(code) ?? [];
    const sale = atHq[0];
    if (!sale) {
      receiptDiffs.push(`receipt ${code} (${receipt.printer}) has no sale at HQ`);
      continue;
    }
    if (sale.status !== 'completed') {
      receiptDiffs.push(`receipt ${code} is ${sale.status} at HQ`);
      continue;
    }
    const differs = sameFacts(receipt, factsOf(sale));
    if (differs) receiptDiffs.push(`receipt ${code}: ${differs}`);
    matched.push(sale);
  }
  const completed = evidence.hqSales.filter((s) => s.status === 'completed');
  for (const sale of completed)
    if (!byCode.has(codeOf(sale.id))) receiptDiffs.push(`sale ${sale.id} at HQ has no printed receipt`);
  checks.push(
    check(
      'every printed receipt is one sale at HQ, exactly once',
      receiptDiffs,
      `${byCode.size} receipts (${reprints} reprinted copies), ${completed.length} completed sales at HQ`,
    ),
  );

  // 2. HQ's own report per tender and per tax rate equals the receipts'.
  const paperTenders = new Map<string, { taken: number; refunded: number }>();
  const fullLabels = [...new Set(evidence.hqReport.taxes.map((t) => t.label))];
  const paperTaxes = new Map<string, { salesTax: number; returnsTax: number }>();
  for (const receipt of byCode.values()) {
    for (const t of receipt.tenders) {
      const row = paperTenders.get(t.kind) ?? { taken: 0, refunded: 0 };
      if (receipt.kind === 'sale') row.taken += t.amount;
      else row.refunded += t.amount;
      paperTenders.set(t.kind, row);
    }
    if (receipt.change > 0) {
      const row = paperTenders.get('cash') ?? { taken: 0, refunded: 0 };
      if (receipt.kind === 'sale') row.taken -= receipt.change;
      else row.refunded -= receipt.change;
      paperTenders.set('cash', row);
    }
    for (const t of receipt.taxes) {
      const label = fullLabels.find((full) => labelMatches(t.label, full)) ?? t.label;
      const row = paperTaxes.get(label) ?? { salesTax: 0, returnsTax: 0 };
      if (receipt.kind === 'sale') row.salesTax += t.tax;
      else row.returnsTax += t.tax;
      paperTaxes.set(label, row);
    }
  }
  const tenderDiffs: string[] = [];
  const hqTenders = new Map(evidence.hqReport.tenders.map((t) => [t.kind, t]));
  for (const kind of new Set([...paperTenders.keys(), ...hqTenders.keys()])) {
    const paper = paperTenders.get(kind) ?? { taken: 0, refunded: 0 };
    const hq = hqTenders.get(kind) ?? { taken: 0, refunded: 0 };
    if (paper.taken !== hq.taken || paper.refunded !== hq.refunded)
      tenderDiffs.push(
        `${kind}: receipts taken ${paper.taken} refunded ${paper.refunded}, HQ taken ${hq.taken} refunded ${hq.refunded}`,
      );
  }
  checks.push(
    check("HQ's totals per tender equal the receipts'", tenderDiffs, `${paperTenders.size} tender kinds`),
  );
  const taxDiffs: string[] = [];
  const hqTaxes = new Map<string, { salesTax: number; returnsTax: number }>();
  for (const t of evidence.hqReport.taxes) {
    const row = hqTaxes.get(t.label) ?? { salesTax: 0, returnsTax: 0 };
    row.salesTax += t.salesTax;
    row.returnsTax += t.returnsTax;
    hqTaxes.set(t.label, row);
  }
  for (const label of new Set([...paperTaxes.keys(), ...hqTaxes.keys()])) {
    const paper = paperTaxes.get(label) ?? { salesTax: 0, returnsTax: 0 };
    const hq = hqTaxes.get(label) ?? { salesTax: 0, returnsTax: 0 };
    if (paper.salesTax !== hq.salesTax || paper.returnsTax !== hq.returnsTax)
      taxDiffs.push(
        `${label}: receipts ${paper.salesTax}/${paper.returnsTax}, HQ ${hq.salesTax}/${hq.returnsTax} (sales/returns tax)`,
      );
  }
  checks.push(
    check("HQ's totals per tax rate equal the receipts'", taxDiffs, `${paperTaxes.size} tax rates`),
  );

  // 3. Stock on hand at the agent and at HQ = opening stock − sold + returned (the receipts' sales' lines).
  const expected = new Map(evidence.openingStock.map((s) => [s.productId, s.quantity]));
  for (const sale of matched) {
    for (const line of sale.lines) {
      if (line.voided) continue;
      const moved = line.unit === 'weight' ? (line.weightGrams ?? 0) : line.quantity;
      const sign = sale.kind === 'return' ? 1 : -1;
      expected.set(line.productId, (expected.get(line.productId) ?? 0) + sign * moved);
    }
  }
  for (const [where, stock] of [
    ['HQ', evidence.hqStock],
    ['the agent', evidence.agentStock],
  ] as const) {
    const actual = new Map(stock.map((s) => [s.productId, s.quantity]));
    const diffs: string[] = [];
    for (const productId of new Set([...expected.keys(), ...actual.keys()])) {
      const want = expected.get(productId) ?? 0;
      const got = actual.get(productId) ?? 0;
      if (want !== got) diffs.push(`${productId}: expected ${want}, ${where} has ${got}`);
    }
    checks.push(
      check(
        `stock on hand at ${where} = opening − sales + returns (+ counts)`,
        diffs,
        `${expected.size} products`,
      ),
    );
  }

  // 4. Points earned and spent per member: the receipts' against HQ's loyalty ledger for those sales.
  const paperPoints = new Map<string, { earned: number; spent: number }>();
  for (const receipt of byCode.values()) {
    if (!receipt.memberId) continue;
    const row = paperPoints.get(receipt.memberId) ?? { earned: 0, spent: 0 };
    row.earned += receipt.pointsEarned;
    row.spent += receipt.pointsSpent;
    paperPoints.set(receipt.memberId, row);
  }
  const ledgerPoints = new Map<string, { earned: number; spent: number }>();
  const pointDiffs: string[] = [];
  const seenEntries = new Set<string>();
  for (const entry of evidence.hqLoyalty) {
    if (entry.saleId === '') continue; // opening balances and adjustments: not the day's sales
    if (seenEntries.has(entry.id)) pointDiffs.push(`loyalty entry ${entry.id} is at HQ twice`);
    seenEntries.add(entry.id);
    if (!byCode.has(codeOf(entry.saleId))) {
      pointDiffs.push(`${entry.kind} ${entry.id} for sale ${entry.saleId}, which has no receipt`);
      continue;
    }
    if (entry.kind !== 'points-earned' && entry.kind !== 'points-spent') continue;
    const row = ledgerPoints.get(entry.memberId) ?? { earned: 0, spent: 0 };
    if (entry.kind === 'points-earned') row.earned += entry.points;
    else row.spent += -entry.points;
    ledgerPoints.set(entry.memberId, row);
  }
  for (const member of new Set([...paperPoints.keys(), ...ledgerPoints.keys()])) {
    const paper = paperPoints.get(member) ?? { earned: 0, spent: 0 };
    const ledger = ledgerPoints.get(member) ?? { earned: 0, spent: 0 };
    if (paper.earned !== ledger.earned || paper.spent !== ledger.spent)
      pointDiffs.push(
        `member ${member}: receipts earned ${paper.earned} spent ${paper.spent}, HQ earned ${ledger.earned} spent ${ledger.spent}`,
      );
  }
  checks.push(
    check(
      'points earned and spent reconcile per member',
      pointDiffs,
      `${paperPoints.size} members on receipts`,
    ),
  );

  // 5. Every card charged at a terminal is a card tender of a sale with a receipt, and the other way round.
  if (evidence.cardCharges) {
    const cardDiffs: string[] = [];
    const tenders = new Map<string, { saleId: string; amount: number }>();
    for (const sale of matched)
      for (const t of sale.tenders)
        if (t.kind === 'card') tenders.set(t.id, { saleId: sale.id, amount: t.amount });
    const charged = new Set<string>();
    for (const charge of evidence.cardCharges) {
      // A second charge under one tender id is the card paid again after a lost answer or a crash.
      if (charged.has(charge.requestId))
        cardDiffs.push(`${charge.terminal} charged tender ${charge.requestId} again (${charge.amount})`);
      charged.add(charge.requestId);
      const tender = tenders.get(charge.requestId);
      if (!tender)
        cardDiffs.push(
          `${charge.terminal} charged ${charge.amount} (request ${charge.requestId}) for no sale with a receipt`,
        );
      else if (tender.amount !== charge.amount)
        cardDiffs.push(
          `sale ${tender.saleId}: card tender ${tender.amount}, terminal charged ${charge.amount}`,
        );
    }
    for (const [id, tender] of tenders)
      if (!charged.has(id))
        cardDiffs.push(`sale ${tender.saleId}: card tender ${id} was never charged at a terminal`);
    checks.push(
      check(
        'every card charge at the terminals is a card tender on a receipt',
        cardDiffs,
        `${evidence.cardCharges.length} charges`,
      ),
    );
  }

  // 6. Shelf labels and cart exit codes, when the day had them.
  if (evidence.shelfLabels)
    checks.push(
      check(
        'every shelf label shows the register price',
        checkShelfLabels(evidence.shelfLabels),
        `${evidence.shelfLabels.bound.length} labels checked`,
      ),
    );
  if (evidence.cartExits)
    checks.push(
      check(
        'every cart exit code was used at most once',
        checkCartExits(evidence.cartExits),
        `${evidence.cartExits.checkouts.length} cart sales, ${evidence.cartExits.gate.length} tries at the gate`,
      ),
    );

  // A check made today wins over a "not checked" of the same name.
  const made = new Set(checks.map((c) => c.name));
  for (const item of (evidence.notChecked ?? []).filter((n) => !made.has(n.name)))
    checks.push({
      name: item.name,
      status: 'not-checked',
      summary: item.why,
      differences: [],
      differenceCount: 0,
    });

  return {
    ok: checks.every((c) => c.status !== 'failed'),
    checks,
    figures: {
      receipts: byCode.size,
      reprints,
      hqSales: evidence.hqSales.length,
      hqCompleted: completed.length,
      sales: [...byCode.values()].filter((r) => r.kind === 'sale').length,
      returns: [...byCode.values()].filter((r) => r.kind === 'return').length,
      byTender: Object.fromEntries(paperTenders),
      byTaxRate: Object.fromEntries(paperTaxes),
      members: paperPoints.size,
    },
  };
}

/** The reconciliation as a person reads it: one line per check, then the differences. */
export function formatReconciliation(result: Reconciliation): string {
  const out: string[] = [];
  for (const c of result.checks) {
    const mark = c.status === 'passed' ? 'ok      ' : c.status === 'failed' ? 'FAILED  ' : 'not checked: ';
    out.push(
      c.status === 'not-checked' ? `${mark}${c.name}: ${c.summary}` : `${mark}${c.name} (${c.summary})`,
    );
    for (const d of c.differences) out.push(`          - ${d}`);
    if (c.differenceCount > c.differences.length)
      out.push(`          … and ${c.differenceCount - c.differences.length} more`);
  }
  out.push(
    result.ok
      ? 'RECONCILED: nothing lost, nothing counted twice'
      : 'NOT RECONCILED: see the differences above',
  );
  return out.join('\n');
}
