import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 500, maxMs: 30_000 };

  it('grows exponentially and never exceeds the maximum', () => {
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 1)).toBe(4_000);
    expect(backoffDelay(50, options, () => 1)).toBe(30_000);
  });

  it('spreads reconnects with jitter but waits at least half the initial delay', () => {
    expect(backoffDelay(5, options, () => 0)).toBe(250);
    const delays = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(6, options, () => i / 20)));
    expect(delays.size).toBe(20);
  });
});
