import { createContext, useContext } from 'react';
import type { LaneDatabase } from '../data/lane-database.js';
import type { LaneIdentity } from '../data/lane-identity.js';
import type { LaneSync } from '../data/lane-replication.js';
import type { LiveCatalog } from '../data/live-catalog.js';
import type { LaneDevices } from '../devices/lane-devices.js';

/** The lane's long-lived services, handed to screens through React context (each does one job). */
export interface LaneServices {
  readonly identity: LaneIdentity;
  readonly db: LaneDatabase;
  readonly sync: LaneSync;
  readonly catalog: LiveCatalog;
  readonly devices: LaneDevices;
}

export const LaneServicesContext = createContext<LaneServices | undefined>(undefined);

export function useLane(): LaneServices {
  const lane = useContext(LaneServicesContext);
  if (!lane) throw new Error('useLane outside LaneServicesContext');
  return lane;
}
