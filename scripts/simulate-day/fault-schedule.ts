import { SeededRandom } from '../demo/seeded-random.js';
import type { LinkFaults } from './fault-proxy.js';

/** One thing that goes wrong during the day, at `atMs` after the store opens. */
export type FaultEvent =
  | {
      readonly atMs: number;
      readonly kind: 'link';
      readonly link: 'lan' | 'wan';
      readonly faults: Partial<LinkFaults>;
      readonly durationMs: number;
    }
  | {
      readonly atMs: number;
      readonly kind: 'kill';
      /** `all`: the agent and every lane at the same instant. */
      readonly target: 'agent' | 'all' | `lane-${number}`;
      /** Before the restart, tear the tail of the victims' data files (a half-written folder). */
      readonly tornWrite: boolean;
      readonly downMs: number;
    };

export interface ScheduleOptions {
  readonly seed: number;
  /** The schedule's faults all start within this span. */
  readonly spanMs: number;
  readonly lanes: number;
  readonly linkFaults: number;
  readonly kills: number;
  /** Longest outage of a link, ms ("minutes-long" in the long form). */
  readonly maxOutageMs: number;
  /** Add one kill of everything at once, with torn data files. */
  readonly killEverything: boolean;
}

/** A seeded day of faults on both links and kills of the agent and the lanes, ordered by time. */
export function faultSchedule(options: ScheduleOptions): FaultEvent[] {
  const random = new SeededRandom(options.seed);
  const events: FaultEvent[] = [];
  const at = () => random.int(Math.floor(options.spanMs * 0.05), Math.floor(options.spanMs * 0.9));
  for (let i = 0; i < options.linkFaults; i++) {
    // Both links get every kind of fault in turn: outage, delay, cut, drop.
    const link = i % 2 === 0 ? 'lan' : 'wan';
    const which = Math.floor(i / 2) % 4;
    const faults: Partial<LinkFaults> =
      which === 0
        ? { outage: true }
        : which === 1
          ? { delayMs: random.int(50, 400) }
          : which === 2
            ? { cutShare: random.int(20, 60) / 100 }
            : { dropShare: random.int(20, 50) / 100 };
    const durationMs =
      which === 0
        ? random.int(Math.min(2_000, options.maxOutageMs), options.maxOutageMs)
        : random.int(1_000, 5_000);
    events.push({ atMs: at(), kind: 'link', link, faults, durationMs });
  }
  for (let i = 0; i < options.kills; i++) {
    const victim = random.int(0, options.lanes);
    events.push({
      atMs: at(),
      kind: 'kill',
      target: victim === 0 ? 'agent' : `lane-${victim}`,
      tornWrite: random.chance(0.3),
      downMs: random.int(100, 1_500),
    });
  }
  if (options.killEverything)
    events.push({ atMs: at(), kind: 'kill', target: 'all', tornWrite: true, downMs: random.int(500, 2_000) });
  return events.sort((a, b) => a.atMs - b.atMs);
}

/** When the last fault is over (its link healed, its victims restarted), ms after the start. */
export function lastFaultEndMs(events: readonly FaultEvent[]): number {
  return events.reduce((end, e) => Math.max(end, e.atMs + (e.kind === 'link' ? e.durationMs : e.downMs)), 0);
}
