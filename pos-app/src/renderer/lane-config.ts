/** Where this renderer finds its upstream and its device host; served beside the page as /lane-config.json. */
export interface LaneConfig {
  /** Base URL of the sync upstream (HQ or edge agent) as this page reaches it, e.g. `/hq`. */
  readonly upstreamUrl: string;
  /** ws:// URL of the lane device host; absent under Electron, where the preload bridge is used. */
  readonly deviceHostUrl?: string;
  /** IndexedDB database name; default `storefloor-lane`. */
  readonly databaseName?: string;
  /** Which app this renderer runs; default 'lane'. */
  readonly mode?: 'lane' | 'kiosk' | 'attendant' | 'manager';
}

/** Under Electron the preload hands the config over; in a browser the lane server serves it. */
export async function loadLaneConfig(): Promise<LaneConfig> {
  const electron = (globalThis as { storefloorLane?: { config(): Promise<LaneConfig> } }).storefloorLane;
  if (electron) return electron.config();
  const response = await fetch('./lane-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`lane-config.json answered ${response.status}`);
  return (await response.json()) as LaneConfig;
}
