/** NOTIFY channel carrying a collection name after each committed write (a wake-up, not the data). */
export const CHANGES_CHANNEL = 'storefloor_changes';
/** NOTIFY channel carrying a device id when the device is revoked, so every instance closes its streams. */
export const REVOCATIONS_CHANNEL = 'storefloor_revocations';
