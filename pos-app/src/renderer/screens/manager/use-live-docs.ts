import { useEffect, useState } from 'react';
import type { LaneCollections } from '../../data/lane-database.js';

/**
 * The documents of one replica collection matching a selector, live: RxDB's query observable follows the
 * collection's change stream, so a sale replicated from a lane shows on the manager's screen as it lands.
 */
export function useLiveDocs<K extends keyof LaneCollections, D>(
  collection: LaneCollections[K],
  selector: Record<string, unknown>,
  /** A User Timing name: marks `<name>:query` when the query starts and `<name>:results` when results land. */
  timing?: string,
): readonly D[] {
  const [docs, setDocs] = useState<readonly D[]>([]);
  const key = JSON.stringify(selector);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selector is compared by its JSON form.
  useEffect(() => {
    if (timing) performance.mark(`${timing}:query`);
    const sub = (
      collection as unknown as {
        find(q: unknown): {
          $: { subscribe(f: (r: { toJSON(): unknown }[]) => void): { unsubscribe(): void } };
        };
      }
    )
      .find({ selector })
      .$.subscribe((results) => {
        if (timing) performance.mark(`${timing}:results`, { detail: { count: results.length } });
        setDocs(results.map((d) => d.toJSON() as D));
        if (timing) performance.mark(`${timing}:json`);
      });
    return () => sub.unsubscribe();
  }, [collection, key, timing]);
  return docs;
}
