/**
 * `npm run simulate-day`: one trading day under faults, then the reconciliation, printed and written to
 * `data/simulate-day/reconciliation.json` (or SIMDAY_OUT). Exits 1 on any difference.
 *
 * SIMDAY_SEED, SIMDAY_LANES (2), SIMDAY_SALES_PER_LANE (150), SIMDAY_PRODUCTS (400), SIMDAY_MEMBERS (200),
 * SIMDAY_SHOPPER_MS (300), SIMDAY_DIR (a fresh temp folder), SIMDAY_KEEP=1 keeps the folder; `--help` lists
 * them all.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReconciliation } from './reconcile.js';
import { runTradingDay } from './run-day.js';

const HELP = `npm run simulate-day [-- --help]

One trading day under faults: HQ, an edge agent and lanes as real processes, hardware-sim's ESC/POS printers
and nexo card terminals, link faults and kill -9; then the reconciliation against the paper (exit 1 on any
difference). Knobs are environment variables:
  SIMDAY_SEED            the day's seed (default: from the clock; printed)
  SIMDAY_LANES           lanes (2)            SIMDAY_SALES_PER_LANE  sales per lane (150)
  SIMDAY_PRODUCTS        products (400)       SIMDAY_MEMBERS         members (200)
  SIMDAY_SPAN_MS         faults span (40000)  SIMDAY_LINK_FAULTS     link faults (6)
  SIMDAY_KILLS           kills (4)            SIMDAY_MAX_OUTAGE_MS   longest outage (8000)
  SIMDAY_KILL_ALL=0      no kill of everything at once
  SIMDAY_SHOPPER_MS      how long a shopper takes to tap a card at the terminal (300)
  SIMDAY_CONVERGE_MS     how long the store may take to converge after the last fault (180000)
  SIMDAY_DIR             data folder (a fresh temp folder, removed unless SIMDAY_KEEP=1)
  SIMDAY_OUT             result JSON (data/simulate-day/reconciliation.json)
  SIMDAY_TRACE=1         the lanes say every replication failure (to see which stream stalls)
`;

let help = false;
try {
  help = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help === true;
} catch (error) {
  process.stderr.write(`simulate-day: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  process.exit(2);
}
if (help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const seed = num('SIMDAY_SEED', Date.now() % 1_000_000);
const dir = env.SIMDAY_DIR ?? mkdtempSync(join(tmpdir(), 'storefloor-simulate-day-'));
const out = resolve(env.SIMDAY_OUT ?? join('data', 'simulate-day', 'reconciliation.json'));

const result = await runTradingDay({
  dir,
  seed,
  lanes: num('SIMDAY_LANES', 2),
  salesPerLane: num('SIMDAY_SALES_PER_LANE', 150),
  productCount: num('SIMDAY_PRODUCTS', 400),
  memberCount: num('SIMDAY_MEMBERS', 200),
  shopperDelayMs: num('SIMDAY_SHOPPER_MS', 300),
  convergeTimeoutMs: num('SIMDAY_CONVERGE_MS', 180_000),
  faults: {
    spanMs: num('SIMDAY_SPAN_MS', 40_000),
    linkFaults: num('SIMDAY_LINK_FAULTS', 6),
    kills: num('SIMDAY_KILLS', 4),
    maxOutageMs: num('SIMDAY_MAX_OUTAGE_MS', 8_000),
    killEverything: env.SIMDAY_KILL_ALL !== '0',
  },
});
process.stdout.write(`\nA trading day under faults (seed ${seed})\n`);
process.stdout.write(`${formatReconciliation(result.reconciliation)}\n`);
process.stdout.write(`${JSON.stringify(result.figures)}\n`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`written to ${out}\n`);
if (env.SIMDAY_KEEP !== '1' && env.SIMDAY_DIR === undefined) rmSync(dir, { recursive: true, force: true });
process.exit(result.reconciliation.ok ? 0 : 1);
