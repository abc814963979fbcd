/**
 * The short form of `npm run simulate-day`: two lanes as real processes selling a few hundred sales through
 * the fault proxies while both links go down, slow, cut and drop, and the agent, a lane and then everything at
 * once are killed with SIGKILL (the last with torn data files). Afterwards every printed receipt is one sale
 * at HQ exactly once, and HQ's totals, both stock ledgers and the points agree with the paper.
 * It is part of `npm test` on a fixed seed; SIMDAY_SEED replays a failing day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReconciliation } from './reconcile.js';
import { runTradingDay } from './run-day.js';

describe('a trading day under faults (short form)', () => {
  // In `npm test` the same day every time (the schedule of faults and kills; their timing still varies): seed
  // 972879 stalled a lane's pushes before sync-client's deviceId filter. `npm run test:simulate-day` draws a
  // new day (SIMDAY_RANDOM_SEED=1); SIMDAY_SEED replays one.
  const seed = Number(
    process.env.SIMDAY_SEED ?? (process.env.SIMDAY_RANDOM_SEED === '1' ? Date.now() % 1_000_000 : 972_879),
  );
  const dir = mkdtempSync(join(tmpdir(), 'storefloor-simulate-day-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`reconciles to the receipt after link faults and kill -9 of the agent, a lane and everything (seed ${seed})`, async () => {
    const log: string[] = [];
    const result = await runTradingDay({
      dir,
      seed,
      lanes: 2,
      salesPerLane: 100,
      productCount: 120,
      memberCount: 60,
      shopperDelayMs: 300,
      faults: { spanMs: 10_000, linkFaults: 4, kills: 2, maxOutageMs: 3_000, killEverything: true },
      convergeTimeoutMs: 60_000,
      log: (line) => log.push(line),
    });
    const report = `${formatReconciliation(result.reconciliation)}\n${JSON.stringify(result.figures)}\n${log.slice(-40).join('\n')}`;
    expect(result.reconciliation.ok, report).toBe(true);
    expect(result.reconciliation.figures.receipts).toBeGreaterThanOrEqual(200);
    expect(result.reconciliation.figures.returns, report).toBeGreaterThan(0);
    expect(result.reconciliation.figures.members).toBeGreaterThan(0);
    expect(Object.keys(result.reconciliation.figures.byTender).sort()).toEqual(['card', 'cash']);
    expect(result.schedule.some((e) => e.kind === 'kill' && e.target === 'all' && e.tornWrite)).toBe(true);
    expect(result.figures.agentRestarts).toBeGreaterThanOrEqual(1);
    expect(result.figures.laneRestarts).toBeGreaterThanOrEqual(2);
    const notChecked = result.reconciliation.checks
      .filter((c) => c.status === 'not-checked')
      .map((c) => c.name);
    expect(notChecked).toContain('every shelf label shows the register price');
  }, 300_000);
});
