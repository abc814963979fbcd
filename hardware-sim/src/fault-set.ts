import { err, ok, type Result } from '@storefloor/core';

/** The active faults of one simulated device, checked against the kinds it supports. */
export class FaultSet {
  readonly #active = new Set<string>();

  constructor(readonly kinds: readonly string[]) {}

  get list(): readonly string[] {
    return [...this.#active];
  }

  has(kind: string): boolean {
    return this.#active.has(kind);
  }

  add(kind: string): Result<void> {
    if (!this.kinds.includes(kind)) {
      return err('unknown-fault', `fault "${kind}" is not one of: ${this.kinds.join(', ')}`);
    }
    this.#active.add(kind);
    return ok(undefined);
  }

  clear(): string[] {
    const was = [...this.#active];
    this.#active.clear();
    return was;
  }
}
