import { err, ok, type Result } from '@storefloor/core';
import type { HidPosLayout } from './hid-report-descriptor.js';
import { aimIdFor, type ScannedCode, type Symbology, splitAddOn, symbologyFromAim } from './symbology.js';

/**
 * USB HID POS barcode scanner input report (HID Point of Sale Usage Tables 1.02, usage page 0x8C,
 * "Scanned Data Report" usage 0x12): Symbology Identifier 1-3 (usages 0xFB-0xFD), Decoded Data (0xFE),
 * Decode Data Continued (0xFF). The byte layout below is the one HID POS scanners ship in their report
 * descriptor (Honeywell, Access-IS, Zebra "HID POS"): 64 bytes,
 *   0      report id (0x02)
 *   1      length of the data field (0-56)
 *   2-4    AIM symbology identifier: ']' code modifier
 *   5-60   decoded data, NUL padded
 *   61     further (proprietary) symbology identifier
 *   62     reserved
 *   63     bit 0: decode data continued (more reports follow for this code)
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_SCANNED_DATA_REPORT_ID = 0x02;
export const HID_POS_REPORT_LENGTH = 64;
export const HID_POS_DATA_LENGTH = 56;
const DATA_OFFSET = 5;
const CONTINUED_OFFSET = 63;

export type HidReportError = 'report-length' | 'report-id' | 'data-length' | 'missing-aim-id' | 'empty-code';

export interface HidScanChunk {
  readonly aimId: string;
  readonly data: Uint8Array;
  readonly continued: boolean;
}

/**
 * Reads a report laid out by its descriptor (see hid-report-descriptor.ts). Decoded Data is NUL-padded to
 * the field's length, so trailing NULs are padding.
 */
export function decodeHidPosReportByLayout(
  report: Uint8Array,
  layout: HidPosLayout,
): Result<HidScanChunk, HidReportError> {
  if (report.length !== layout.length) {
    return err('report-length', `expected ${layout.length} bytes, got ${report.length}`);
  }
  if (layout.reportId !== undefined && report[0] !== layout.reportId) {
    return err(
      'report-id',
      `expected report id 0x${layout.reportId.toString(16)}, got 0x${(report[0] ?? 0).toString(16)}`,
    );
  }
  const aimId = String.fromCharCode(...layout.symbology.map((at) => report[at] ?? 0));
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aimId))
    return err('missing-aim-id', 'symbology identifier is not an AIM identifier');
  let end = layout.data.offset + layout.data.length;
  while (end > layout.data.offset && report[end - 1] === 0) end -= 1;
  const bit = layout.continuedBit;
  return ok({
    aimId,
    data: report.slice(layout.data.offset, end),
    continued: bit !== undefined && (((report[bit >> 3] ?? 0) >> (bit & 7)) & 1) === 1,
  });
}

export function decodeHidPosReport(report: Uint8Array): Result<HidScanChunk, HidReportError> {
  if (report.length !== HID_POS_REPORT_LENGTH) {
    return err('report-length', `expected ${HID_POS_REPORT_LENGTH} bytes, got ${report.length}`);
  }
  if (report[0] !== HID_POS_SCANNED_DATA_REPORT_ID) {
    return err('report-id', `expected report id 0x02, got 0x${(report[0] ?? 0).toString(16)}`);
  }
  const length = report[1] ?? 0;
  if (length > HID_POS_DATA_LENGTH)
    return err('data-length', `data length ${length} > ${HID_POS_DATA_LENGTH}`);
  const aimId = String.fromCharCode(report[2] ?? 0, report[3] ?? 0, report[4] ?? 0);
  if (!/^\][A-Za-z][0-9A-Za-z]$/.test(aimId))
    return err('missing-aim-id', 'bytes 2-4 are not an AIM identifier');
  return ok({
    aimId,
    data: report.slice(DATA_OFFSET, DATA_OFFSET + length),
    continued: ((report[CONTINUED_OFFSET] ?? 0) & 0x01) === 1,
  });
}

/** Splits a code into the reports a HID POS scanner sends for it (used by tests and the simulator). */
export function encodeHidPosReports(code: string, symbology: Symbology): Uint8Array[] {
  const bytes = new TextEncoder().encode(code);
  const aim = new TextEncoder().encode(aimIdFor(symbology));
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length || reports.length === 0; offset += HID_POS_DATA_LENGTH) {
    const chunk = bytes.slice(offset, offset + HID_POS_DATA_LENGTH);
    const report = new Uint8Array(HID_POS_REPORT_LENGTH);
    report[0] = HID_POS_SCANNED_DATA_REPORT_ID;
    report[1] = chunk.length;
    report.set(aim, 2);
    report.set(chunk, DATA_OFFSET);
    report[CONTINUED_OFFSET] = offset + HID_POS_DATA_LENGTH < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}

/** Joins continued reports into one scan. Never throws; a bad report drops the partial code. */
export class HidPosAssembler {
  #parts: Uint8Array[] = [];
  #aimId = '';

  /** Without a layout, reports are read in the fixed 64-byte layout above. */
  constructor(private readonly layout?: HidPosLayout) {}

  push(report: Uint8Array): Result<ScannedCode, HidReportError> | undefined {
    const chunk = this.layout ? decodeHidPosReportByLayout(report, this.layout) : decodeHidPosReport(report);
    if (!chunk.ok) {
      this.#parts = [];
      return chunk;
    }
    if (this.#parts.length === 0) this.#aimId = chunk.value.aimId;
    this.#parts.push(chunk.value.data);
    if (chunk.value.continued) return undefined;
    const total = this.#parts.reduce((n, p) => n + p.length, 0);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const part of this.#parts) {
      joined.set(part, at);
      at += part.length;
    }
    this.#parts = [];
    const code = new TextDecoder().decode(joined);
    if (code.length === 0) return err('empty-code', `${this.#aimId} with no data`);
    return ok({
      ...splitAddOn(this.#aimId, code),
      symbology: symbologyFromAim(this.#aimId, code),
      aimId: this.#aimId,
      source: 'hid',
    });
  }
}
