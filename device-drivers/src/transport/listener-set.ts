/** A set of callbacks for one transport event; `add` returns the unsubscribe function. */
export class ListenerSet<T> {
  readonly #listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  call(value: T): void {
    for (const listener of [...this.#listeners]) listener(value);
  }
}
