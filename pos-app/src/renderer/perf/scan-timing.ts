import { useLayoutEffect } from 'react';

/**
 * Scan to total, as the cashier sees it: from the moment the lane host had the scanner's frame (its `at`, epoch
 * milliseconds on this machine's clock) to the frame that shows the new total. Two User Timing measures, read
 * by the benchmark (or DevTools) with `performance.getEntriesByName`:
 * - `scan-to-total`: to the frame callback of the frame that carries the new basket (requestAnimationFrame after
 *   the commit), the browser's "this frame shows it";
 * - `scan-to-paint`: to just after that frame was painted (a message posted from the frame callback);
 * - `scan-to-commit`: to the React commit, the lane's own work without the wait for the frame.
 */
export const SCAN_TO_TOTAL = 'scan-to-total';
export const SCAN_TO_PAINT = 'scan-to-paint';
/** To the React commit that holds the new basket: what the lane's own code costs, before the frame. */
export const SCAN_TO_COMMIT = 'scan-to-commit';
/** Old measures go once there are this many, so a lane open all day does not keep every scan. */
const KEEP = 5000;

let started: number | undefined;

/** A scanned item was just added to the basket; `at` is when the host had the scanner's bytes. */
export function scanSold(at: number | undefined): void {
  if (at !== undefined) started = at;
}

function measure(name: string, at: number, end: number): void {
  if (performance.getEntriesByName(name).length >= KEEP) performance.clearMeasures(name);
  performance.measure(name, { start: at - performance.timeOrigin, end });
}

/** Call in the sale screen with the basket: after the commit that shows it, waits for the frame, then measures. */
export function useScanToTotalMeasure(basket: unknown): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the measure is of each new basket shown
  useLayoutEffect(() => {
    const at = started;
    if (at === undefined) return;
    started = undefined;
    measure(SCAN_TO_COMMIT, at, performance.now());
    requestAnimationFrame(() => {
      measure(SCAN_TO_TOTAL, at, performance.now());
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        measure(SCAN_TO_PAINT, at, performance.now());
      };
      channel.port2.postMessage(null);
    });
  }, [basket]);
}
