// The renderer-safe surface of @storefloor/device-drivers (`@storefloor/device-drivers/renderer`): pure
// decoders and the device host's message types, nothing that loads serialport, node-hid, usb or node:*.
export type { DeviceKind } from './device/device-kind.js';
export type { DeviceState } from './device/device-state.js';
export type { DeviceError, DeviceHealth, DeviceStatus } from './device/device-status.js';
export type {
  DeviceInfo,
  HostFailureReason,
  HostMessage,
  HostRequest,
  JsonValue,
  LifecycleCommand,
} from './host/host-messages.js';
export { LIFECYCLE_COMMANDS, parseHostRequest } from './host/host-messages.js';
export type { ScaleCondition, StableWeight } from './scale/stable-weight.js';
export type { CameraDecodeError, CameraFrame } from './scanner/camera-decoder.js';
export { CameraDecoder } from './scanner/camera-decoder.js';
export type { BarcodeParser, ScannedBarcode } from './scanner/scanned-barcode.js';
export { readScannedCode } from './scanner/scanned-barcode.js';
export type { ScannedCode, Symbology } from './scanner/symbology.js';
export { isSymbology, symbologyFromAim } from './scanner/symbology.js';
export type { WedgeError, WedgeKeystroke, WedgeOptions, WedgeOutcome } from './scanner/wedge-decoder.js';
export { WedgeDecoder } from './scanner/wedge-decoder.js';
