// The ECR codec is shared with the driver (ARCHITECTURE.md §2: hardware-sim may import device-drivers codecs).

export type { EcrRequest, EcrResult } from '@storefloor/device-drivers';
export {
  ACK,
  decodeEcrMessage,
  EcrFrameDecoder,
  encodeEcrFrame,
  encodeEcrMessage,
  NAK,
} from '@storefloor/device-drivers';
