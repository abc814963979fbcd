export { ByteWriter } from './byte-writer.js';
export type { CharacterRoute } from './character-route.js';
export { characterRoute, printedColumns } from './character-route.js';
export type { ColumnsOf } from './display-width.js';
export { charColumns, displayWidth, fitToColumns, truncateToColumns } from './display-width.js';
export type { PrintJobLedger, PrintJobRecord, PrintJobState } from './print-job-ledger.js';
export { MemoryPrintJobLedger } from './print-job-ledger.js';
export type { PrintableText, PrintWarning } from './printable-text.js';
export { printableText, substituteFor } from './printable-text.js';
export type { PrinterDriverOptions } from './printer-driver.js';
export { printerOptionsFromSpec, registerPrinterDrivers } from './printer-driver.js';
export type { CodePageSlot, KanjiEncoding, PrinterProfile, PrinterProfileId } from './printer-profile.js';
export {
  DEFAULT_PRINTER_PROFILE,
  isPrinterProfileId,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
} from './printer-profile.js';
export type { PrinterResponse } from './printer-response-parser.js';
export { PrinterResponseParser } from './printer-response-parser.js';
export { processIdFor, processIdRequest } from './process-id.js';
export type {
  ConditionOptions,
  PrinterCondition,
  PrinterErrorKind,
  StatusDecodeFailure,
  StatusQuery,
  StatusReading,
} from './realtime-status.js';
export {
  conditionFromReadings,
  decodeStatusByte,
  isRealtimeStatusByte,
  STATUS_QUERIES,
  statusQueryCommand,
} from './realtime-status.js';
export type {
  Alignment,
  BarcodeSymbology,
  DrawerPin,
  QrErrorCorrection,
  Receipt,
  ReceiptBlock,
  ReceiptColumn,
  TextStyle,
} from './receipt.js';
export type { EncodedReceipt, ReceiptEncodeFailure, ReceiptEncoderOptions } from './receipt-encoder.js';
export { drawerKickCommand, encodeReceipt } from './receipt-encoder.js';
export type {
  PrinterEvent,
  PrintFailure,
  PrintJob,
  PrintJobDone,
  PrintOptions,
  PrintOutcome,
  ReceiptPrinterOptions,
  StatusFailure,
} from './receipt-printer.js';
export { ReceiptPrinter } from './receipt-printer.js';
export { SqlitePrintJobLedger } from './sqlite-print-job-ledger.js';
export type {
  UsbAlternateInfo,
  UsbConfigurationInfo,
  UsbEndpointInfo,
  UsbInterfaceInfo,
  UsbPrinterEndpoints,
} from './usb-printer-endpoints.js';
export { selectUsbPrinterEndpoints } from './usb-printer-endpoints.js';
export type { UsbPrinterDevice, UsbPrinterSettings } from './usb-printer-transport.js';
export { UsbPrinterTransport } from './usb-printer-transport.js';
