import { err, ok, type Result } from '@storefloor/core';

/**
 * Where a HID POS scanner puts each part of its Scanned Data Report, read from the device's own report
 * descriptor rather than assumed: vendors (Honeywell, Zebra, Access-IS, Newland) order and size the fields
 * differently. Usages from the HID Point of Sale Usage Tables 1.02, usage page 0x8C "Bar Code Scanner":
 * 0xFB-0xFD Symbology Identifier 1-3, 0xFE Decoded Data, 0xFF Decode Data Continued.
 */
export const BAR_CODE_SCANNER_PAGE = 0x8c;
const SYMBOLOGY_IDENTIFIER_1 = 0xfb;
const SYMBOLOGY_IDENTIFIER_3 = 0xfd;
const DECODED_DATA = 0xfe;
const DECODE_DATA_CONTINUED = 0xff;

/** A field of an input report: bit offset after the report id, element size and count, and its usages. */
interface InputField {
  readonly bitOffset: number;
  readonly size: number;
  readonly count: number;
  readonly usages: readonly number[];
}

export interface HidPosLayout {
  readonly reportId: number | undefined;
  /** Report length in bytes, report id included, as node-hid hands it on. */
  readonly length: number;
  /** Byte offsets (report id included) of the symbology identifier bytes, in order. */
  readonly symbology: readonly number[];
  readonly data: { readonly offset: number; readonly length: number };
  /** Bit position (from the start of the report) of Decode Data Continued, if the descriptor has it. */
  readonly continuedBit: number | undefined;
}

export type DescriptorError = 'bad-descriptor' | 'no-scanned-data-report';

/**
 * Parses a report descriptor's short items (HID 1.11 §6.2.2) far enough to lay out input reports, and
 * returns the layout of the one carrying Decoded Data (0x8C:0xFE). Never throws on bad bytes.
 */
export function hidPosLayoutFromDescriptor(descriptor: Uint8Array): Result<HidPosLayout, DescriptorError> {
  let usagePage = 0;
  let reportSize = 0;
  let reportCount = 0;
  let reportId: number | undefined;
  let usages: number[] = [];
  let usageMin: number | undefined;
  const reports = new Map<number | undefined, { bits: number; fields: InputField[] }>();
  const full = (usage: number, size: number) => (size <= 2 ? (usagePage << 16) | usage : usage);
  for (let at = 0; at < descriptor.length; ) {
    const prefix = descriptor[at] ?? 0;
    if (prefix === 0xfe) return err('bad-descriptor', 'long items are not used by HID POS scanners');
    const size = [0, 1, 2, 4][prefix & 0b11] ?? 0;
    if (at + 1 + size > descriptor.length)
      return err('bad-descriptor', `item at byte ${at} runs past the end`);
    let value = 0;
    for (let i = 0; i < size; i += 1) value += (descriptor[at + 1 + i] ?? 0) * 2 ** (8 * i);
    const type = (prefix >> 2) & 0b11;
    const tag = prefix >> 4;
    at += 1 + size;
    if (type === 1) {
      if (tag === 0) usagePage = value;
      else if (tag === 7) reportSize = value;
      else if (tag === 8) reportId = value;
      else if (tag === 9) reportCount = value;
    } else if (type === 2) {
      if (tag === 0) usages.push(full(value, size));
      else if (tag === 1) usageMin = full(value, size);
      else if (tag === 2 && usageMin !== undefined) {
        for (let u = usageMin; u <= full(value, size); u += 1) usages.push(u);
        usageMin = undefined;
      }
    } else if (type === 0) {
      if (tag === 8) {
        const report = reports.get(reportId) ?? { bits: 0, fields: [] };
        report.fields.push({ bitOffset: report.bits, size: reportSize, count: reportCount, usages });
        report.bits += reportSize * reportCount;
        reports.set(reportId, report);
      }
      if (tag === 8 || tag === 9 || tag === 0xb || tag === 0xa) usages = [];
    }
  }
  const page = (u: number) => u >>> 16 === BAR_CODE_SCANNER_PAGE;
  for (const [id, report] of reports) {
    const data = report.fields.find((f) => f.usages.some((u) => page(u) && (u & 0xffff) === DECODED_DATA));
    if (data?.size !== 8 || data.bitOffset % 8 !== 0) continue;
    const idBytes = id === undefined ? 0 : 1;
    const symbology: number[] = [];
    let continuedBit: number | undefined;
    for (const field of report.fields) {
      for (let i = 0; i < field.count; i += 1) {
        const usage = field.usages[Math.min(i, field.usages.length - 1)];
        if (usage === undefined || !page(usage)) continue;
        const short = usage & 0xffff;
        const bit = idBytes * 8 + field.bitOffset + i * field.size;
        if (short >= SYMBOLOGY_IDENTIFIER_1 && short <= SYMBOLOGY_IDENTIFIER_3 && field.size === 8) {
          symbology.push(bit / 8);
        }
        if (short === DECODE_DATA_CONTINUED) continuedBit = bit;
      }
    }
    return ok({
      reportId: id,
      length: idBytes + Math.ceil(report.bits / 8),
      symbology,
      data: { offset: idBytes + data.bitOffset / 8, length: data.count },
      continuedBit,
    });
  }
  return err('no-scanned-data-report', 'no input report carries Decoded Data (usage page 0x8C, usage 0xFE)');
}
