import { useEffect, useState } from 'react';
import type { LaneCollections } from '../../data/lane-database.js';

/**
 * The documents of one replica collection matching a selector, live: RxDB's query observable follows the
 * collection's change stream, so a sale replicated from a lane shows on the manager's screen as it lands.
 */
export function useLiveDocs<K extends keyof LaneCollections, D>(
  collection: LaneCollections[K],
  selector: Record<string, unknown>,
): readonly D[] {
  const [docs, setDocs] = useState<readonly D[]>([]);
  const key = JSON.stringify(selector);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selector is compared by its JSON form.
  useEffect(() => {
    const sub = (
      collection as unknown as {
        find(q: unknown): {
          $: { subscribe(f: (r: { toJSON(): unknown }[]) => void): { unsubscribe(): void } };
        };
      }
    )
      .find({ selector })
      .$.subscribe((results) => setDocs(results.map((d) => d.toJSON() as D)));
    return () => sub.unsubscribe();
  }, [collection, key]);
  return docs;
}
