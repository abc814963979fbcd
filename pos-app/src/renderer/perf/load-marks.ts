/**
 * User Timing marks of a lane's start, read by the benchmark (or DevTools) with `performance.getEntriesByName`.
 * No DOM types here: the Node benchmark imports the names.
 */
/** Every collection has been pulled once (`LaneSync.start()` resolved). */
export const FIRST_PULL_DONE = 'lane-first-pull-done';
/** The in-memory catalog holds every collection and is built (`LiveCatalog.ready`). */
export const CATALOG_READY = 'lane-catalog-ready';
