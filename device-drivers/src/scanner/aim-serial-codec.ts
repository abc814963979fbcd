import { err, ok, type Result } from '@storefloor/core';
import { aimIdFor, type ScannedCode, type Symbology, splitAddOn, symbologyFromAim } from './symbology.js';

/**
 * Serial scanner framing: AIM identifier prefix (ISO/IEC 15424) + data + CR (optionally CR LF), the usual
 * factory setting of POS scanners in RS-232 mode.
 */
const CR = 0x0d;
const LF = 0x0a;
const GS = 0x1d;
const MAX_LINE = 4096;

export type ScanFrameError = 'noise' | 'missing-aim-id' | 'empty-code' | 'frame-too-long';

export type DecodedScan = Result<ScannedCode, ScanFrameError>;

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;

function isCodeByte(byte: number): boolean {
  return (byte >= 0x20 && byte <= 0x7e) || byte === GS;
}

export function encodeAimScan(code: string, symbology: Symbology): Uint8Array {
  return new TextEncoder().encode(`${aimIdFor(symbology)}${code}\r`);
}

/**
 * Streaming decoder: never throws. A line with garbage before a valid AIM frame yields a `noise` error and
 * then the frame (resync within the line); a line that is all garbage yields one error.
 */
export class AimSerialDecoder {
  /** Bytes of the line so far that arrived in earlier chunks. */
  #pending: Uint8Array[] = [];
  #pendingLength = 0;
  #overflowed = false;

  push(bytes: Uint8Array): DecodedScan[] {
    const out: DecodedScan[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (byte !== CR && byte !== LF) continue;
      this.#endLine(bytes.subarray(start, i), out);
      start = i + 1;
    }
    if (start < bytes.length) this.#hold(bytes.subarray(start), out);
    return out;
  }

  reset(): void {
    this.#pending = [];
    this.#pendingLength = 0;
    this.#overflowed = false;
  }

  #hold(part: Uint8Array, out: DecodedScan[]): void {
    if (this.#overflowed) return;
    this.#pending.push(part.slice());
    this.#pendingLength += part.length;
    if (this.#pendingLength > MAX_LINE) {
      out.push(err('frame-too-long', `more than ${MAX_LINE} bytes without CR`));
      this.#pending = [];
      this.#pendingLength = 0;
      this.#overflowed = true;
    }
  }

  #endLine(last: Uint8Array, out: DecodedScan[]): void {
    if (this.#overflowed) {
      this.#overflowed = false;
      return;
    }
    let line = last;
    if (this.#pendingLength > 0) {
      if (this.#pendingLength + last.length > MAX_LINE) {
        out.push(err('frame-too-long', `more than ${MAX_LINE} bytes without CR`));
        this.reset();
        return;
      }
      line = new Uint8Array(this.#pendingLength + last.length);
      let at = 0;
      for (const part of this.#pending) {
        line.set(part, at);
        at += part.length;
      }
      line.set(last, at);
      this.#pending = [];
      this.#pendingLength = 0;
    }
    if (line.length > 0) this.#decodeLine(line, out);
  }

  #decodeLine(line: Uint8Array, out: DecodedScan[]): void {
    // The frame is the longest clean tail that starts with an AIM identifier.
    let cleanFrom = line.length;
    while (cleanFrom > 0 && isCodeByte(line[cleanFrom - 1] ?? 0)) cleanFrom -= 1;
    const tail = String.fromCharCode.apply(null, line.subarray(cleanFrom) as unknown as number[]);
    // The last AIM identifier with data after it starts the frame, so a frame cut short (its CR lost)
    // does not swallow the next one. Retail data (digits, GS1 set 82) never contains ']'.
    let index = -1;
    for (let i = tail.lastIndexOf(']'); i >= 0; i = i === 0 ? -1 : tail.lastIndexOf(']', i - 1)) {
      if (i + 3 < tail.length && AIM_ID.test(tail.slice(i, i + 3))) {
        index = i;
        break;
      }
    }
    if (index < 0 && AIM_ID.test(tail.slice(-3))) {
      out.push(err('empty-code', `${tail.slice(-3)} with no data`));
      return;
    }
    if (index < 0) {
      out.push(
        cleanFrom > 0
          ? err('noise', `${line.length} byte(s) of noise`)
          : err('missing-aim-id', `no AIM identifier in ${JSON.stringify(tail.slice(0, 40))}`),
      );
      return;
    }
    const skipped = cleanFrom + index;
    if (skipped > 0) out.push(err('noise', `${skipped} byte(s) of noise before a frame`));
    const aimId = tail.slice(index, index + 3);
    const code = tail.slice(index + 3);
    const symbology = symbologyFromAim(aimId, code);
    // Only ]E3 carries an add-on; every other scan keeps one object shape (measured: the spread cost 5x).
    if (aimId !== ']E3') {
      out.push(ok({ code, symbology, aimId, source: 'serial' }));
      return;
    }
    out.push(ok({ ...splitAddOn(aimId, code), symbology, aimId, source: 'serial' }));
  }
}
