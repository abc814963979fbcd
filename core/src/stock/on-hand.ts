import { err, ok, type Result } from '../result.js';
import {
  isStockCount,
  type StockCountDoc,
  type StockFlowDoc,
  type StockMovementDoc,
  type StockUnit,
} from '../schemas/stock-movements.js';
import { type CountMarks, countDominates, countIncludesMovement, countMarks } from './count-includes.js';
import { stockMovementDelta } from './stock-movement-delta.js';

export type StockOnHand = {
  readonly storeId: string;
  readonly productId: string;
  /** Pieces, or grams for goods sold by weight; negative when more left than the ledger saw come in. */
  readonly quantity: number;
  readonly unit: StockUnit;
  /** The count this figure starts from, or null when the product was never counted. */
  readonly countId: string | null;
  /** Flows (sales, receipts…) added on top of the count, after de-duplication by id. */
  readonly movementsApplied: number;
  /**
   * Counts neither included in nor including the chosen one (two people counted the same shelf while
   * offline from each other): the chosen count is the one reflecting more movements; people should look.
   */
  readonly concurrentCountIds: readonly string[];
};

export type StockReason = 'unit-mismatch';

type CountCandidate = { readonly count: StockCountDoc; readonly marks: CountMarks; readonly weight: number };

function candidate(count: StockCountDoc): CountCandidate {
  const marks = countMarks(count);
  let weight = 0;
  for (const sequence of marks.values()) weight += sequence;
  return { count, marks, weight };
}

/**
 * The count that is the ledger's checkpoint, chosen without clocks: a count that reflects everything another
 * reflects supersedes it. Ordering by (total of marks, id) respects that, and breaks ties the same way on
 * every device whatever order documents arrived in.
 */
function latestCount(
  counts: readonly StockCountDoc[],
): { chosen: CountCandidate; concurrent: string[] } | null {
  let chosen: CountCandidate | null = null;
  const all = counts.map(candidate);
  for (const c of all) {
    if (!chosen || c.weight > chosen.weight || (c.weight === chosen.weight && c.count.id > chosen.count.id))
      chosen = c;
  }
  if (!chosen) return null;
  const concurrent = all
    .filter((c) => c.count.id !== chosen.count.id && !countDominates(chosen.marks, c.marks))
    .map((c) => c.count.id)
    .sort();
  return { chosen, concurrent };
}

/** Keeps one document per id; duplicates from a replayed push or a re-sent batch count once. */
export function uniqueById<D extends { readonly id: string }>(documents: Iterable<D>): D[] {
  const byId = new Map<string, D>();
  for (const d of documents) if (!byId.has(d.id)) byId.set(d.id, d);
  return [...byId.values()];
}

/**
 * Stock on hand of one product in one store: the last count plus every flow it does not already include
 * (ARCHITECTURE.md §3). Pass the ledger (flows and counts of `stock_movements`) in any order, duplicates
 * allowed, other products' lines ignored; the answer is the same for every arrival order.
 */
export function stockOnHand(
  storeId: string,
  productId: string,
  ledger: Iterable<StockMovementDoc>,
): Result<StockOnHand, StockReason> {
  const relevantMovements: StockFlowDoc[] = [];
  const relevantCounts: StockCountDoc[] = [];
  for (const line of uniqueById(ledger)) {
    if (line.storeId !== storeId || line.productId !== productId) continue;
    if (isStockCount(line)) relevantCounts.push(line);
    else relevantMovements.push(line);
  }
  const units = new Set<StockUnit>([
    ...relevantMovements.map((m) => m.unit),
    ...relevantCounts.map((c) => c.unit),
  ]);
  if (units.size > 1) {
    return err('unit-mismatch', `${productId} in ${storeId} is recorded both in pieces and in grams`);
  }
  const unit: StockUnit = units.values().next().value ?? 'unit';
  const latest = latestCount(relevantCounts);
  let quantity = latest ? latest.chosen.count.quantity : 0;
  let applied = 0;
  for (const m of relevantMovements) {
    if (latest && countIncludesMovement(latest.chosen.marks, m)) continue;
    quantity += stockMovementDelta(m);
    applied += 1;
  }
  return ok({
    storeId,
    productId,
    quantity,
    unit,
    countId: latest ? latest.chosen.count.id : null,
    movementsApplied: applied,
    concurrentCountIds: latest ? latest.concurrent : [],
  });
}

/** Stock on hand of every product that appears in the ledger, grouped by store and product. */
export function stockOnHandByProduct(ledger: Iterable<StockMovementDoc>): Result<StockOnHand, StockReason>[] {
  const groups = new Map<string, { storeId: string; productId: string; lines: StockMovementDoc[] }>();
  for (const line of ledger) {
    const key = `${line.storeId}\u0000${line.productId}`;
    let group = groups.get(key);
    if (!group) {
      group = { storeId: line.storeId, productId: line.productId, lines: [] };
      groups.set(key, group);
    }
    group.lines.push(line);
  }
  return [...groups.keys()].sort().map((key) => {
    const g = groups.get(key)!;
    return stockOnHand(g.storeId, g.productId, g.lines);
  });
}
