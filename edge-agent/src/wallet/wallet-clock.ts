/** Time as the wallet clients see it: injected so tests can run a 45-second wait without waiting 45 s. */
export interface WalletClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: WalletClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when slept on: `sleep(5000)` returns at once, 5 s later by `now()`. */
export function manualClock(start = 0): WalletClock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
