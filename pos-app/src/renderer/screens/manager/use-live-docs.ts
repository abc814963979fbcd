import { useEffect, useState } from 'react';
import type { LaneCollections } from '../../data/lane-database.js';

export interface LiveDocs<D> {
  readonly docs: readonly D[];
  /** False until the query's first result landed. */
  readonly loaded: boolean;
}

/**
 * The documents of one replica collection matching a selector, live: RxDB's query observable follows the
 * collection's change stream, so a sale replicated from a lane shows on the manager's screen as it lands.
 * `timing` names User Timing marks: `<name>:query` when the query starts and `<name>:results` when results
 * land. With `enabled` false the query waits (the dashboard reads a faster snapshot first).
 */
export function useLiveDocsState<K extends keyof LaneCollections, D>(
  collection: LaneCollections[K],
  selector: Record<string, unknown>,
  { timing, enabled = true }: { timing?: string; enabled?: boolean } = {},
): LiveDocs<D> {
  const [state, setState] = useState<LiveDocs<D>>({ docs: [], loaded: false });
  const key = JSON.stringify(selector);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selector is compared by its JSON form.
  useEffect(() => {
    if (!enabled) return;
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
        setState({ docs: results.map((d) => d.toJSON() as D), loaded: true });
      });
    return () => sub.unsubscribe();
  }, [collection, key, timing, enabled]);
  return state;
}

/** The documents only (empty until the first result). */
export function useLiveDocs<K extends keyof LaneCollections, D>(
  collection: LaneCollections[K],
  selector: Record<string, unknown>,
): readonly D[] {
  return useLiveDocsState<K, D>(collection, selector).docs;
}
