export { ByteWriter } from './byte-writer.js';
export { charColumns, displayWidth, fitToColumns, truncateToColumns } from './display-width.js';
export type { PrintJobLedger, PrintJobRecord, PrintJobState } from './print-job-ledger.js';
export { MemoryPrintJobLedger } from './print-job-ledger.js';
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
export type { ReceiptEncodeFailure, ReceiptEncoderOptions } from './receipt-encoder.js';
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
