import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCheckpoints, isAfter, isReplicationCheckpoint } from './checkpoint.js';
import type { ReplicationCheckpoint } from './wire.js';

const checkpointArb: fc.Arbitrary<ReplicationCheckpoint> = fc.record({
  sequence: fc.nat({ max: 1000 }),
  id: fc.string({ maxLength: 4 }),
});

describe('replication checkpoints', () => {
  it('is a total order with null first', () => {
    fc.assert(
      fc.property(fc.option(checkpointArb), fc.option(checkpointArb), fc.option(checkpointArb), (a, b, c) => {
        expect(Math.sign(compareCheckpoints(a, b)) + Math.sign(compareCheckpoints(b, a))).toBe(0);
        if (compareCheckpoints(a, b) <= 0 && compareCheckpoints(b, c) <= 0) {
          expect(compareCheckpoints(a, c)).toBeLessThanOrEqual(0);
        }
        if (a !== null) expect(isAfter(a, null)).toBe(true);
      }),
    );
  });

  it('orders by the server sequence before the id', () => {
    expect(isAfter({ sequence: 2, id: 'a' }, { sequence: 1, id: 'z' })).toBe(true);
    expect(isAfter({ sequence: 1, id: 'b' }, { sequence: 1, id: 'a' })).toBe(true);
    expect(isAfter({ sequence: 1, id: 'a' }, { sequence: 1, id: 'a' })).toBe(false);
  });

  it('accepts only well-formed checkpoints from outside', () => {
    expect(isReplicationCheckpoint({ sequence: 3, id: 'x' })).toBe(true);
    expect(isReplicationCheckpoint({ sequence: -1, id: 'x' })).toBe(false);
    expect(isReplicationCheckpoint({ sequence: 1.5, id: 'x' })).toBe(false);
    expect(isReplicationCheckpoint({ sequence: 1 })).toBe(false);
    expect(isReplicationCheckpoint('RESYNC')).toBe(false);
  });
});
