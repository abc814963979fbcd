/** Time as the label scheduler sees it: injected, so a test can stand at midnight without waiting. */
export interface LabelClock {
  now(): number;
  /** Calls `fire` once at `at` (epoch ms) or as soon after as possible; returns a cancel function. */
  setTimer(at: number, fire: () => void): () => void;
}

/** Node's wall clock. Long waits are chained, as setTimeout cannot wait past about 24.8 days. */
export const systemLabelClock: LabelClock = {
  now: () => Date.now(),
  setTimer(at, fire) {
    let handle: NodeJS.Timeout | undefined;
    const arm = () => {
      const wait = at - Date.now();
      if (wait <= 0) {
        fire();
        return;
      }
      handle = setTimeout(arm, Math.min(wait, 2 ** 31 - 1));
      handle.unref?.();
    };
    arm();
    return () => {
      if (handle) clearTimeout(handle);
    };
  },
};

/** A clock that moves only when told to: fires due timers in time order as it advances. */
export class ManualLabelClock implements LabelClock {
  #now: number;
  #timers: { at: number; fire: () => void; id: number }[] = [];
  #next = 0;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(at: number, fire: () => void): () => void {
    const id = this.#next++;
    this.#timers.push({ at, fire, id });
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id);
    };
  }

  /** Moves to `to`, firing every timer due on the way at its own instant. */
  advanceTo(to: number): void {
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t.id !== due.id);
      this.#now = Math.max(this.#now, due.at);
      due.fire();
    }
    this.#now = Math.max(this.#now, to);
  }

  /** The instants timers are waiting for. */
  pending(): number[] {
    return this.#timers.map((t) => t.at).sort((a, b) => a - b);
  }
}
