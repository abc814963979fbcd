import fc from 'fast-check';

/**
 * Property tests run with one seed per test run: FC_SEED when set, else one from the clock. A failure names
 * the seed, so the same inputs come back with `FC_SEED=<seed> npx vitest run --project core`.
 */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
export const FC_SEED = env.FC_SEED !== undefined ? Number(env.FC_SEED) : Date.now() % 2_147_483_647;

export function seededCheck<T>(property: fc.IProperty<T>, numRuns = 100): void {
  try {
    fc.assert(property, { seed: FC_SEED, numRuns });
  } catch (error) {
    throw new Error(
      `fast-check seed ${FC_SEED} (repeat with FC_SEED=${FC_SEED}): ${(error as Error).message}`,
    );
  }
}
