import type { Queryable } from '../db/database.js';

export interface DeviceDayEnd {
  deviceId: string;
  label: string | null;
  revoked: boolean;
  /**
   * Last document of this device HQ accepted, ISO time: one it pushed itself, or one carrying its deviceId
   * that its store hub relayed; only documents of the device's own store count. Null when none ever.
   */
  lastPushAt: string | null;
  /** No accepted push within `staleAfterMs` of the report time. */
  stale: boolean;
  /**
   * Stock movements missing from its 1, 2, 3… sequence: written on the device, not yet at HQ. Counted over
   * the movements of the device's own store only.
   */
  missingStockMovements: number;
}

export interface StoreDayEnd {
  storeId: string;
  businessDay: string;
  devices: DeviceDayEnd[];
  shifts: { open: number; closed: number };
  /** Every shift of the day is closed (its Z report is at HQ) and there was at least one. */
  zReportReceived: boolean;
  /** Day-end is complete: Z report received and no device stale or missing movements. */
  complete: boolean;
}

/**
 * The day-end status of each store for one business day: which lanes have not pushed recently or are
 * missing ledger lines, and whether every shift of the day was closed (a closed shift is the Z report).
 * Every figure is computed per store and per device OF THAT STORE, so nothing written in one store (even a
 * document naming another store's device, as devices could before roles were enforced) moves another store's
 * status.
 */
export async function dayEndStatus(
  db: Queryable,
  businessDay: string,
  options: { storeId?: string; now?: number; staleAfterMs?: number } = {},
): Promise<StoreDayEnd[]> {
  const now = options.now ?? Date.now();
  const staleAfterMs = options.staleAfterMs ?? 6 * 3600_000;
  const storeFilter = options.storeId ?? null;
  const stores = await db.query<{ store_id: string }>(
    'SELECT store_id FROM stores WHERE ($1::text IS NULL OR store_id = $1) ORDER BY store_id',
    [storeFilter],
  );
  const devices = await db.query<{
    device_id: string;
    store_id: string;
    label: string | null;
    revoked_at: unknown;
    last_push: unknown;
  }>(
    `SELECT d.device_id, d.store_id, d.label, d.revoked_at,
            greatest(
              (SELECT max(written_at) FROM documents w
               WHERE w.written_by = d.device_id AND w.store_id = d.store_id),
              (SELECT max(written_at) FROM documents r
               WHERE r.store_id = d.store_id AND r.data ? 'deviceId' AND r.data->>'deviceId' = d.device_id)
            ) AS last_push
     FROM devices d WHERE ($1::text IS NULL OR d.store_id = $1) ORDER BY d.device_id`,
    [storeFilter],
  );
  const gaps = await db.query<{ store_id: string; device_id: string; missing: unknown }>(
    `SELECT store_id, data->>'deviceId' AS device_id,
            max((data->>'deviceSequence')::bigint) - count(DISTINCT (data->>'deviceSequence')::bigint) AS missing
     FROM documents WHERE collection = 'stock_movements' AND ($1::text IS NULL OR store_id = $1)
     GROUP BY 1, 2`,
    [storeFilter],
  );
  const shifts = await db.query<{ store_id: string; status: string; n: unknown }>(
    `SELECT store_id, data->>'status' AS status, count(*) AS n FROM documents
     WHERE collection = 'shifts' AND NOT deleted AND data->>'businessDay' = $1 AND ($2::text IS NULL OR store_id = $2)
     GROUP BY 1, 2`,
    [businessDay, storeFilter],
  );
  const deviceKey = (storeId: string, deviceId: string) => JSON.stringify([storeId, deviceId]);
  const missing = new Map(
    gaps.rows.map((row) => [deviceKey(row.store_id, row.device_id), Number(row.missing)]),
  );
  return stores.rows.map(({ store_id: storeId }) => {
    const open = Number(shifts.rows.find((r) => r.store_id === storeId && r.status === 'open')?.n ?? 0);
    const closed = Number(shifts.rows.find((r) => r.store_id === storeId && r.status === 'closed')?.n ?? 0);
    const storeDevices: DeviceDayEnd[] = devices.rows
      .filter((row) => row.store_id === storeId)
      .map((row) => {
        const lastPush = row.last_push ? new Date(row.last_push as string).getTime() : null;
        return {
          deviceId: row.device_id,
          label: row.label,
          revoked: row.revoked_at != null,
          lastPushAt: lastPush === null ? null : new Date(lastPush).toISOString(),
          stale: lastPush === null || now - lastPush > staleAfterMs,
          missingStockMovements: missing.get(deviceKey(storeId, row.device_id)) ?? 0,
        };
      });
    const zReportReceived = closed > 0 && open === 0;
    const active = storeDevices.filter((device) => !device.revoked);
    return {
      storeId,
      businessDay,
      devices: storeDevices,
      shifts: { open, closed },
      zReportReceived,
      complete:
        zReportReceived && active.every((device) => !device.stale && device.missingStockMovements === 0),
    };
  });
}
