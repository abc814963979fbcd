import type { Database } from '../db/database.js';
import type { DeviceDirectory } from '../replication/device-ownership.js';

/** The devices enrolled at HQ, from the `devices` table (one index-backed query per push). */
export function sqlDeviceDirectory(db: Database): DeviceDirectory {
  return {
    async enrolledIn(storeId, deviceIds) {
      if (deviceIds.length === 0) return new Set();
      const { rows } = await db.query<{ device_id: string }>(
        'SELECT device_id FROM devices WHERE store_id = $1 AND device_id = ANY($2::text[])',
        [storeId, [...deviceIds]],
      );
      return new Set(rows.map((row) => row.device_id));
    },
  };
}
