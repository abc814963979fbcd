/**
 * Parsed documents of one table, most recently used last. Every write to the table goes through this
 * process (the file is held with an exclusive lock) and updates the cache after its transaction commits, so
 * a cached document is always the stored one; a miss is read from SQLite and parsed once.
 * RxDB treats stored documents as immutable, so the same object may be handed out many times.
 */
export class DocumentCache<Doc> {
  private readonly documents = new Map<string, Doc>();

  constructor(private readonly capacity: number) {}

  /** True when nothing is cached, e.g. right after the file was opened: reads then skip per-row lookups. */
  get isEmpty(): boolean {
    return this.documents.size === 0;
  }

  get(id: string): Doc | undefined {
    return this.documents.get(id);
  }

  set(id: string, doc: Doc): void {
    if (this.capacity === 0) {
      return;
    }
    this.documents.delete(id);
    this.documents.set(id, doc);
    if (this.documents.size > this.capacity) {
      const oldest = this.documents.keys().next();
      if (!oldest.done) {
        this.documents.delete(oldest.value);
      }
    }
  }

  clear(): void {
    this.documents.clear();
  }
}
