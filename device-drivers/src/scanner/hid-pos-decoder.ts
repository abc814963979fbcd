import type { Result } from '@storefloor/core';
import { HidPosAssembler, type HidReportError } from './hid-pos-codec.js';
import type { HidPosLayout } from './hid-report-descriptor.js';
import type { ScanDecoder } from './scanner-device.js';
import type { ScannedCode } from './symbology.js';

/** Adapts the HID POS report codec to a scanner: each pushed chunk is one input report from node-hid. */
export class HidPosDecoder implements ScanDecoder<HidReportError> {
  #assembler: HidPosAssembler;

  /** `layout` from the scanner's report descriptor (hidPosLayoutFromDescriptor); default: the 64-byte layout. */
  constructor(private readonly layout?: HidPosLayout) {
    this.#assembler = new HidPosAssembler(layout);
  }

  push(report: Uint8Array): Result<ScannedCode, HidReportError>[] {
    const scan = this.#assembler.push(report);
    return scan === undefined ? [] : [scan];
  }

  reset(): void {
    this.#assembler = new HidPosAssembler(this.layout);
  }
}
