import { describe, expect, it } from 'vitest';
import { decodeHidPosReport, HidPosAssembler } from './hid-pos-codec.js';
import { hidPosLayoutFromDescriptor } from './hid-report-descriptor.js';

/**
 * Two Scanned Data Report layouts written as report descriptors from the HID Point of Sale Usage Tables 1.02
 * (usage page 0x8C; 0xFB-0xFD Symbology Identifier 1-3, 0xFE Decoded Data, 0xFF Decode Data Continued),
 * item encoding per HID 1.11 §6.2.2. Layout A is the 64-byte report our fixed decoder has always read
 * (report id 2, a vendor length byte, AIM id, 56 data bytes, continuation in bit 0 of byte 63). Layout B
 * puts the symbology identifiers first in one array, 60 data bytes, and the continuation flag in bit 7 of a
 * byte of its own, with no length byte. No public descriptor dump of an Access-IS or a Newland scanner was
 * found to take as a fixture: these are from the usage tables, not from the devices.
 */
const LAYOUT_A = Uint8Array.from([
  0x05,
  0x8c, //       Usage Page (Bar Code Scanner)
  0x09,
  0x02, //       Usage (Bar Code Scanner)
  0xa1,
  0x01, //       Collection (Application)
  0x09,
  0x12, //         Usage (Scanned Data Report)
  0xa1,
  0x02, //         Collection (Logical)
  0x85,
  0x02, //           Report ID (2)
  0x15,
  0x00, //           Logical Minimum (0)
  0x26,
  0xff,
  0x00, //     Logical Maximum (255)
  0x75,
  0x08, //           Report Size (8)
  0x95,
  0x01, //           Report Count (1)
  0x06,
  0x00,
  0xff, //     Usage Page (vendor 0xFF00)
  0x09,
  0x01, //           Usage (vendor: data length)
  0x81,
  0x02, //           Input (Data, Variable)
  0x05,
  0x8c, //           Usage Page (Bar Code Scanner)
  0x19,
  0xfb, //           Usage Minimum (Symbology Identifier 1)
  0x29,
  0xfd, //           Usage Maximum (Symbology Identifier 3)
  0x95,
  0x03, //           Report Count (3)
  0x81,
  0x02, //           Input (Data, Variable)
  0x09,
  0xfe, //           Usage (Decoded Data)
  0x95,
  0x38, //           Report Count (56)
  0x82,
  0x02,
  0x01, //     Input (Data, Variable, Buffered Bytes)
  0x95,
  0x02, //           Report Count (2)
  0x81,
  0x03, //           Input (Constant): proprietary id, reserved
  0x75,
  0x01, //           Report Size (1)
  0x95,
  0x01, //           Report Count (1)
  0x25,
  0x01, //           Logical Maximum (1)
  0x09,
  0xff, //           Usage (Decode Data Continued)
  0x81,
  0x02, //           Input (Data, Variable)
  0x95,
  0x07, //           Report Count (7)
  0x81,
  0x03, //           Input (Constant): padding
  0xc0, //               End Collection
  0xc0, //             End Collection
]);

const LAYOUT_B = Uint8Array.from([
  0x05,
  0x8c,
  0x09,
  0x02,
  0xa1,
  0x01,
  0x09,
  0x12,
  0xa1,
  0x02,
  0x85,
  0x04, //           Report ID (4)
  0x15,
  0x00,
  0x26,
  0xff,
  0x00,
  0x75,
  0x08,
  0x19,
  0xfb,
  0x29,
  0xfd,
  0x95,
  0x03,
  0x81,
  0x02, // Symbology Identifier 1-3
  0x09,
  0xfe,
  0x95,
  0x3c,
  0x82,
  0x02,
  0x01, //       Decoded Data x 60
  0x75,
  0x01,
  0x95,
  0x07,
  0x81,
  0x03, //             7 bits padding
  0x25,
  0x01,
  0x09,
  0xff,
  0x95,
  0x01,
  0x81,
  0x02, // Decode Data Continued in bit 7
  0xc0,
  0xc0,
]);

function layoutAReport(aim: string, data: string, continued = false): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(
    Uint8Array.from(aim, (c) => c.charCodeAt(0)),
    2,
  );
  r.set(
    Uint8Array.from(data, (c) => c.charCodeAt(0)),
    5,
  );
  r[63] = continued ? 0x01 : 0;
  return r;
}

function layoutBReport(aim: string, data: string, continued = false): Uint8Array {
  const r = new Uint8Array(65);
  r[0] = 0x04;
  r.set(
    Uint8Array.from(aim, (c) => c.charCodeAt(0)),
    1,
  );
  r.set(
    Uint8Array.from(data, (c) => c.charCodeAt(0)),
    4,
  );
  r[64] = continued ? 0x80 : 0;
  return r;
}

describe('HID POS reports laid out by their report descriptor (usages 0x8C:0xFB-0xFF)', () => {
  it('finds each field of layout A, the one the fixed decoder reads', () => {
    expect(hidPosLayoutFromDescriptor(LAYOUT_A)).toEqual({
      ok: true,
      value: {
        reportId: 2,
        length: 64,
        symbology: [2, 3, 4],
        data: { offset: 5, length: 56 },
        continuedBit: 504,
      },
    });
    const report = layoutAReport(']E0', '4006381333931');
    expect(decodeHidPosReport(report)).toMatchObject({ ok: true, value: { aimId: ']E0' } });
  });

  it('finds each field of layout B, which the fixed decoder cannot read', () => {
    expect(hidPosLayoutFromDescriptor(LAYOUT_B)).toEqual({
      ok: true,
      value: {
        reportId: 4,
        length: 65,
        symbology: [1, 2, 3],
        data: { offset: 4, length: 60 },
        continuedBit: 519,
      },
    });
    expect(decodeHidPosReport(layoutBReport(']E0', '4006381333931')).ok).toBe(false);
  });

  it.each([
    ['A', LAYOUT_A, layoutAReport],
    ['B', LAYOUT_B, layoutBReport],
  ] as const)('decodes scans and continued codes in layout %s', (_, descriptor, report) => {
    const layout = hidPosLayoutFromDescriptor(descriptor);
    if (!layout.ok) throw new Error(layout.detail);
    const a = new HidPosAssembler(layout.value);
    expect(a.push(report(']E0', '4006381333931'))).toEqual({
      ok: true,
      value: { code: '4006381333931', symbology: 'ean-13', aimId: ']E0', source: 'hid' },
    });
    expect(a.push(report(']d2', '01040123456789011', true))).toBeUndefined();
    expect(a.push(report(']d2', '0ABC'))).toMatchObject({
      ok: true,
      value: { code: '010401234567890110ABC', symbology: 'gs1-data-matrix' },
    });
    expect(a.push(report(']E3', '978020137962452495'))).toMatchObject({
      ok: true,
      value: { code: '9780201379624', addOn: '52495' },
    });
    expect(a.push(report(']E0', '1').slice(0, 10))).toMatchObject({ ok: false, reason: 'report-length' });
  });

  it('refuses a descriptor without Decoded Data, or cut short, as typed errors', () => {
    expect(
      hidPosLayoutFromDescriptor(Uint8Array.from([0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0xc0])),
    ).toMatchObject({
      ok: false,
      reason: 'no-scanned-data-report',
    });
    expect(hidPosLayoutFromDescriptor(LAYOUT_A.slice(0, 16))).toMatchObject({
      ok: false,
      reason: 'bad-descriptor',
    });
  });
});
