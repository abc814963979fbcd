export type { DecodedScan, ScanFrameError } from './aim-serial-codec.js';
export { AimSerialDecoder, encodeAimScan } from './aim-serial-codec.js';
export type { CameraDecodeError, CameraFrame } from './camera-decoder.js';
export { CameraDecoder } from './camera-decoder.js';
export type { HidReportError, HidScanChunk } from './hid-pos-codec.js';
export {
  decodeHidPosReport,
  decodeHidPosReportByLayout,
  encodeHidPosReports,
  HID_POS_DATA_LENGTH,
  HID_POS_REPORT_LENGTH,
  HID_POS_SCANNED_DATA_REPORT_ID,
  HID_POS_USAGE_PAGE,
  HidPosAssembler,
} from './hid-pos-codec.js';
export { HidPosDecoder } from './hid-pos-decoder.js';
export type { DescriptorError, HidPosLayout } from './hid-report-descriptor.js';
export { BAR_CODE_SCANNER_PAGE, hidPosLayoutFromDescriptor } from './hid-report-descriptor.js';
export type { BarcodeParser, ScannedBarcode } from './scanned-barcode.js';
export { readScannedCode } from './scanned-barcode.js';
export type { ScanDecoder, ScannerDeviceOptions } from './scanner-device.js';
export { ScannerDevice } from './scanner-device.js';
export type { ScannedCode, Symbology } from './symbology.js';
export { aimIdFor, isSymbology, splitAddOn, symbologyFromAim } from './symbology.js';
export type { WedgeError, WedgeKeystroke, WedgeOptions, WedgeOutcome } from './wedge-decoder.js';
export { WedgeDecoder } from './wedge-decoder.js';
