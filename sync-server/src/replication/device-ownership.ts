import type { ErrorCode } from '../errors/index.js';
import { documentBody } from './document-equality.js';
import type { ReplicatedCollection } from './replicated-collection.js';
import type { PushRow } from './wire.js';

/** Who pushes: the authenticated device and its role (ARCHITECTURE.md §3). */
export interface PushingDevice {
  readonly deviceId: string;
  readonly storeId: string;
  readonly role: 'lane' | 'store-hub';
}

/** Which devices are enrolled in a store: the sync server reads its `devices` table, an edge agent its own. */
export interface DeviceDirectory {
  /** The subset of `deviceIds` enrolled in `storeId` (revoked ones included: see checkDeviceOwnership). */
  enrolledIn(storeId: string, deviceIds: readonly string[]): Promise<Set<string>>;
}

/**
 * The write rule of roles, checked for the whole push before anything is written (one refused row refuses
 * the push, like every other push rule): a `lane` writes only documents whose `deviceId` is its own; a
 * `store-hub` writes documents of any device ever enrolled in its store. Revoked devices count as enrolled:
 * what a lane sold before it was revoked still reaches HQ through its store's hub, and the revoked lane's
 * own token can no longer push anything. Collections without a device field are not concerned.
 */
export async function checkDeviceOwnership(
  collection: ReplicatedCollection,
  rows: readonly PushRow[],
  device: PushingDevice,
  directory: DeviceDirectory,
): Promise<{ code: ErrorCode; detail: string } | undefined> {
  const deviceIdOf = collection.deviceIdOf;
  if (!deviceIdOf) return undefined;
  const others = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const owner = deviceIdOf(documentBody(row.newDocumentState));
    if (owner === device.deviceId) continue;
    if (device.role === 'lane' || owner === undefined) {
      return {
        code: 'device-forbidden',
        detail: `row ${index}: deviceId ${JSON.stringify(owner ?? null)} is not this ${device.role} (${device.deviceId})`,
      };
    }
    if (!others.has(owner)) others.set(owner, index);
  }
  if (others.size === 0) return undefined;
  const enrolled = await directory.enrolledIn(device.storeId, [...others.keys()]);
  for (const [owner, index] of others) {
    if (!enrolled.has(owner)) {
      return {
        code: 'device-forbidden',
        detail: `row ${index}: device ${owner} is not enrolled in store ${device.storeId}`,
      };
    }
  }
  return undefined;
}
