// The cart message codec and sequencing are shared with the edge (ARCHITECTURE.md §2: hardware-sim may
// import device-drivers codecs).

export type { CartEvent, CartMessage, EdgeCommand } from '@storefloor/device-drivers';
export { decodeCartMessage, encodeCartMessage, SequencedLink } from '@storefloor/device-drivers';
