import { err, ok, type Result } from '@storefloor/core';

/** One electronic shelf label as the access point knows it (OpenEPaperLink `/get_db` tag record). */
export interface ShelfLabelTag {
  readonly mac: string;
  /**
   * MD5 of the image data the tag shows now (32 hex characters; zeros when it shows nothing yet). The AP
   * hashes the image as it converted it for the tag, not the uploaded file: watch it change, never predict it.
   */
  readonly hash: string;
  /** Last check-in of the tag, ISO 8601; undefined if it never checked in. */
  readonly lastSeen: string | undefined;
  /** Battery voltage in millivolts; undefined when the AP has no reading (0 or the 1337 virtual-tag sentinel). */
  readonly batteryMv: number | undefined;
  /** Transfers queued for the tag and not yet acknowledged by it. */
  readonly pending: number;
  readonly alias: string;
  readonly contentMode: number;
  /** How many images the tag has taken (`updatecount`): one more each time an upload is shown. */
  readonly updateCount: number;
}

/** Validates one record of `/get_db`. Pure. */
export function parseTagRecord(raw: unknown): Result<ShelfLabelTag, 'bad-response'> {
  if (typeof raw !== 'object' || raw === null) return err('bad-response', 'tag record is not an object');
  const r = raw as Record<string, unknown>;
  if (typeof r.mac !== 'string' || typeof r.hash !== 'string')
    return err('bad-response', 'tag record lacks mac or hash');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const lastseen = num(r.lastseen);
  const battery = num(r.batteryMv);
  return ok({
    mac: r.mac.toUpperCase(),
    hash: r.hash.toLowerCase(),
    lastSeen: lastseen && lastseen > 0 ? new Date(lastseen * 1000).toISOString() : undefined,
    batteryMv: battery === undefined || battery === 0 || battery === 1337 ? undefined : battery,
    pending: num(r.pending) ?? 0,
    alias: typeof r.alias === 'string' ? r.alias : '',
    contentMode: num(r.contentMode) ?? 0,
    updateCount: num(r.updatecount) ?? 0,
  });
}
