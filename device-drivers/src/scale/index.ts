export type { DecodedNciFrame, NciStatusFlag } from './nci-codec.js';
export {
  encodeNciCommand,
  encodeNciStatusBytes,
  encodeNciStatusReply,
  encodeNciWeightReply,
  NCI_LINE,
  NCI_STATUS_BITS,
  NciDecoder,
} from './nci-codec.js';
export type { WeightUnit } from './parse-decimal-weight.js';
export { parseDecimalWeight } from './parse-decimal-weight.js';
export type { ReadWeightFailure, ScaleDeviceOptions } from './scale-device.js';
export { ScaleDevice } from './scale-device.js';
export type { ScaleFrameDecoder, ScaleProtocol, ScaleProtocolName } from './scale-protocol.js';
export { NCI, SCALE_PROTOCOLS, scaleProtocol, TOLEDO_8217 } from './scale-protocol.js';
export type {
  ScaleCommand,
  ScaleCondition,
  ScaleFrame,
  ScaleFrameError,
  StableWeight,
} from './stable-weight.js';
export type { DecodedScaleFrame, ToledoStatusFlag } from './toledo-8217-codec.js';
export {
  decodeToledoStatusByte,
  encodeToledo8217Command,
  encodeToledoStatusByte,
  encodeToledoStatusReply,
  encodeToledoWeightReply,
  TOLEDO_8217_LINE,
  TOLEDO_STATUS_BITS,
  Toledo8217Decoder,
  toledoCondition,
} from './toledo-8217-codec.js';
