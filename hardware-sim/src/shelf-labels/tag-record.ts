// The tag record of `/get_db` and `/backup_db`, as `fillNode` writes it (jjwbruijn/OpenEPaperLink at
// 468f6b77, ESP32_AP-Flasher/src/tag_db.cpp:94-125; field types from include/tag_db.h, class tagRecord).

import { printTagMac, type TagMac } from './ap-mac.js';

/** What the simulated AP knows of one tag (a subset of the firmware's tagRecord, the rest at its defaults). */
export interface SimTag {
  readonly mac: TagMac;
  alias: string;
  /** Seconds since the epoch of the last check-in; 0 = never (tag_db.h: uint32_t lastseen). */
  lastseen: number;
  contentMode: number;
  /** tag_db.h: uint16_t pendingCount. */
  pendingCount: number;
  /** MD5 of the image data the tag shows (tag_db.h: uint8_t md5[16]); zeros until it shows something. */
  md5: Uint8Array;
  modeConfigJson: string;
  batteryMv: number;
  hwType: number;
  updateCount: number;
  updateLast: number;
  reachable: boolean;
}

/** The fields in fillNode's order (tag_db.cpp:94-125). */
export function tagRecordJson(tag: SimTag): Record<string, unknown> {
  return {
    mac: printTagMac(tag.mac),
    // tag_db.cpp:100-103: md5 printed as 32 lower-case hex digits.
    hash: Buffer.from(tag.md5).toString('hex'),
    lastseen: tag.lastseen,
    nextupdate: 0,
    nextcheckin: 0,
    pending: tag.pendingCount,
    alias: tag.alias,
    contentMode: tag.contentMode,
    LQI: 100,
    RSSI: -60,
    temperature: 21,
    batteryMv: tag.batteryMv,
    hwType: tag.hwType,
    wakeupReason: 0,
    capabilities: 0,
    modecfgjson: tag.modeConfigJson,
    isexternal: false,
    apip: '0.0.0.0',
    rotate: 0,
    lut: 0,
    invert: 0,
    updatecount: tag.updateCount,
    updatelast: tag.updateLast,
    ch: 11,
    ver: 0,
  };
}
