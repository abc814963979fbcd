import type { Result } from '@storefloor/core';
import type { SerialLineSettings } from '../transport/serial-transport.js';
import { encodeNciCommand, NCI_LINE, NciDecoder } from './nci-codec.js';
import type { ScaleCommand, ScaleFrame, ScaleFrameError } from './stable-weight.js';
import { encodeToledo8217Command, TOLEDO_8217_LINE, Toledo8217Decoder } from './toledo-8217-codec.js';

export type ScaleProtocolName = 'toledo-8217' | 'nci';

export const SCALE_PROTOCOLS: readonly ScaleProtocolName[] = ['toledo-8217', 'nci'];

export interface ScaleFrameDecoder {
  push(bytes: Uint8Array): Result<ScaleFrame, ScaleFrameError>[];
  reset(): void;
}

/** What a scale driver needs from a protocol: its line settings, its commands, a fresh decoder. */
export interface ScaleProtocol {
  readonly name: ScaleProtocolName;
  readonly line: Omit<SerialLineSettings, 'path'>;
  encode(command: ScaleCommand): Uint8Array;
  /** Whether the scale answers this command with a reply frame. */
  answers(command: ScaleCommand): boolean;
  createDecoder(): ScaleFrameDecoder;
}

export const TOLEDO_8217: ScaleProtocol = {
  name: 'toledo-8217',
  line: TOLEDO_8217_LINE,
  encode: encodeToledo8217Command,
  // DIVA Service Manual §6.1.4.2: Z, T and C are each answered with `STX ? status CR`.
  answers: () => true,
  createDecoder: () => new Toledo8217Decoder(),
};

export const NCI: ScaleProtocol = {
  name: 'nci',
  line: NCI_LINE,
  encode: encodeNciCommand,
  answers: () => true,
  createDecoder: () => new NciDecoder(),
};

export function scaleProtocol(name: ScaleProtocolName): ScaleProtocol {
  return name === 'nci' ? NCI : TOLEDO_8217;
}
