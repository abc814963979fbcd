import { CHAIN_WIDE } from '../schemas/conventions.js';

/** What effective-dated master data (prices, tax rates) has in common. */
export interface EffectiveVersion {
  readonly id: string;
  readonly storeId: string;
  readonly validFrom: number;
  readonly validTo?: number;
  readonly createdAt: number;
}

/**
 * The version in force at `instant` for `storeId`, among versions already narrowed to one subject
 * (one product's prices, one tax class's rates). Versions are never edited: a store's own version beats a
 * chain-wide one; then the latest `validFrom` wins; then the latest `createdAt` (the correction written
 * later supersedes); then the greatest id, so the answer never depends on the order of `versions`.
 */
export function versionInForce<V extends EffectiveVersion>(
  versions: readonly V[],
  storeId: string,
  instant: number,
): V | undefined {
  let best: V | undefined;
  let bestRank = -1;
  for (const v of versions) {
    const rank = v.storeId === storeId ? 1 : v.storeId === CHAIN_WIDE ? 0 : -1;
    if (rank < 0) continue;
    if (v.validFrom > instant) continue;
    if (v.validTo !== undefined && v.validTo <= instant) continue;
    if (best === undefined || isNewer(rank, v, bestRank, best)) {
      best = v;
      bestRank = rank;
    }
  }
  return best;
}

function isNewer(rank: number, v: EffectiveVersion, bestRank: number, best: EffectiveVersion): boolean {
  if (rank !== bestRank) return rank > bestRank;
  if (v.validFrom !== best.validFrom) return v.validFrom > best.validFrom;
  if (v.createdAt !== best.createdAt) return v.createdAt > best.createdAt;
  return v.id > best.id;
}
