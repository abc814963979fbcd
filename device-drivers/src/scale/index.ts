export type {
  DecodedSciMessage,
  SciHostCommand,
  SciMessage,
  SciMessageError,
} from './magellan-sci-codec.js';
export {
  decodeSciMessage,
  encodeSciCommand,
  MAGELLAN_SCI_LINE,
  MagellanSciDecoder,
} from './magellan-sci-codec.js';
export type { DecodedNciFrame, NciStatus, NciStatusFlag } from './nci-codec.js';
export {
  decodeNciStatus,
  encodeNciCommand,
  NCI_LINE,
  NCI_STATUS_BITS,
  NciDecoder,
} from './nci-codec.js';
export type { WeightUnit } from './parse-decimal-weight.js';
export { parseDecimalWeight, parsePoundsAndOunces } from './parse-decimal-weight.js';
export type { ReadWeightFailure, ScaleDeviceOptions } from './scale-device.js';
export { ScaleDevice } from './scale-device.js';
export type { ScaleFrameDecoder, ScaleProtocol, ScaleProtocolName } from './scale-protocol.js';
export { NCI, SCALE_PROTOCOLS, scaleProtocol, TOLEDO_8217 } from './scale-protocol.js';
export type { ScannerScaleDeviceOptions, ScannerScaleReading } from './scanner-scale-device.js';
export { ScannerScaleDevice } from './scanner-scale-device.js';
export type {
  ScaleCommand,
  ScaleCondition,
  ScaleFrame,
  ScaleFrameError,
  StableWeight,
  UnexpectedStatusBit,
} from './stable-weight.js';
export type { DecodedScaleFrame, ToledoStatus, ToledoStatusFlag } from './toledo-8217-codec.js';
export {
  decodeToledoStatusByte,
  encodeToledo8217Command,
  isToledoEchoAnswer,
  TOLEDO_8217_LINE,
  TOLEDO_ECHO_PROBE,
  TOLEDO_STATUS_BITS,
  Toledo8217Decoder,
  toledoCondition,
} from './toledo-8217-codec.js';
