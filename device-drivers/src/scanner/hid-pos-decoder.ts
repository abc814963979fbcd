import type { Result } from '@storefloor/core';
import { HidPosAssembler, type HidReportError } from './hid-pos-codec.js';
import type { ScanDecoder } from './scanner-device.js';
import type { ScannedCode } from './symbology.js';

/** Adapts the HID POS report codec to a scanner: each pushed chunk is one input report from node-hid. */
export class HidPosDecoder implements ScanDecoder<HidReportError> {
  #assembler = new HidPosAssembler();

  push(report: Uint8Array): Result<ScannedCode, HidReportError>[] {
    const scan = this.#assembler.push(report);
    return scan === undefined ? [] : [scan];
  }

  reset(): void {
    this.#assembler = new HidPosAssembler();
  }
}
