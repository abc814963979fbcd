import { err, ok, type Result } from '@storefloor/core';
import type { ScannedCode, Symbology } from '../scanner/symbology.js';
import { parseDecimalWeight } from './parse-decimal-weight.js';
import type { ScaleFrame } from './stable-weight.js';

/**
 * Datalogic Magellan SCI ("single cable interface") scanner-scale protocol, as CORE-POS drives its lanes with
 * it (CORE-POS/IS4C pos/is4c-nf/scale-drivers/drivers/NewMagellan/SPH_Magellan_Scale.cs): one RS-232 line at
 * 9600 baud, 7 data bits, odd parity, 1 stop bit, every message CR-terminated. The scanner sends `S08` + a
 * label identifier + the code unprompted; the host asks the scale with `S11` (weight) or `S14` (monitor).
 */
export const MAGELLAN_SCI_LINE = { baudRate: 9600, dataBits: 7, parity: 'odd', stopBits: 1 } as const;

const CR = 0x0d;
const LF = 0x0a;
const MAX_MESSAGE = 4096;

export type SciHostCommand = 'weigh' | 'status' | 'beep';

/** Host commands, as SPH_Magellan_Scale.cs writes them. */
const COMMANDS: Readonly<Record<SciHostCommand, string>> = {
  weigh: 'S11\r',
  status: 'S14\r',
  beep: 'S334\r',
};

export function encodeSciCommand(command: SciHostCommand): Uint8Array {
  return new TextEncoder().encode(COMMANDS[command]);
}

/**
 * Label identifiers after `S08` (Magellan 8500 manual App. F "Datalogic Handheld Data Format Requirements";
 * CORE-POS ParseData reads A, E, F, R and B1), longest first so `FF` (EAN-8) is not read as `F` (EAN-13).
 * Each maps to the AIM identifier (ISO/IEC 15424) our barcode reader takes.
 */
const LABEL_IDS: ReadonlyArray<readonly [string, Symbology, string]> = [
  ['FF', 'ean-8', ']E4'],
  ['B1', 'code-39', ']A0'],
  ['B2', 'itf', ']I0'],
  ['B3', 'code-128', ']C0'],
  ['R4', 'gs1-databar', ']e0'],
  ['A', 'upc-a', ']E0'],
  ['E', 'upc-e', ']E0'],
  ['F', 'ean-13', ']E0'],
];

/** Scale status digit after `S14` (Datalogic SCI; CORE-POS ParseData handles 1-5). */
const MONITOR_STATUS: Readonly<Record<string, ScaleFrame>> = {
  '0': { type: 'condition', condition: 'no-weight', flags: ['not-ready'] },
  '1': { type: 'condition', condition: 'motion', flags: ['motion'] },
  '2': { type: 'condition', condition: 'over-capacity', flags: ['over-capacity'] },
  '3': { type: 'weight', grams: 0, net: false },
  '5': { type: 'condition', condition: 'under-zero', flags: ['under-zero'] },
};

export type SciMessage =
  | { readonly type: 'scan'; readonly scan: ScannedCode }
  | { readonly type: 'scale'; readonly frame: ScaleFrame };

export type SciMessageError = 'noise' | 'unknown-message' | 'bad-weight' | 'empty-code' | 'frame-too-long';

export type DecodedSciMessage = Result<SciMessage, SciMessageError>;

/**
 * 4 digits are hundredths of a pound, 5 digits thousandths of a kilogram (the scale's unit setting decides
 * which it sends; CORE-POS divides the 4-digit form by 100 and shows pounds).
 */
function sciWeight(digits: string): Result<ScaleFrame, 'bad-weight'> {
  if (!/^\d{4,5}$/.test(digits)) return err('bad-weight', `not an SCI weight: ${JSON.stringify(digits)}`);
  const grams =
    digits.length === 4
      ? parseDecimalWeight(`${digits.slice(0, 2)}.${digits.slice(2)}`, 'lb')
      : parseDecimalWeight(`${digits.slice(0, 2)}.${digits.slice(2)}`, 'kg');
  return grams.ok ? ok({ type: 'weight', grams: grams.value, net: false }) : grams;
}

/** Reads one message (without its CR). Pure; never throws. */
export function decodeSciMessage(text: string): DecodedSciMessage {
  if (text.startsWith('S08')) {
    const body = text.slice(3);
    for (const [id, symbology, aimId] of LABEL_IDS) {
      if (!body.startsWith(id)) continue;
      const code = body.slice(id.length);
      if (code.length === 0) return err('empty-code', `S08${id} with no data`);
      return ok({ type: 'scan', scan: { code, symbology, aimId, source: 'serial' } });
    }
    return err('unknown-message', `unknown label identifier in ${JSON.stringify(text.slice(0, 8))}`);
  }
  if (text.startsWith('S144')) {
    const weight = sciWeight(text.slice(4));
    return weight.ok ? ok({ type: 'scale', frame: weight.value }) : weight;
  }
  if (text.startsWith('S14') && text.length === 4) {
    const frame = MONITOR_STATUS[text[3] ?? ''];
    if (frame) return ok({ type: 'scale', frame });
  }
  if (text.startsWith('S11')) {
    const weight = sciWeight(text.slice(3));
    return weight.ok ? ok({ type: 'scale', frame: weight.value }) : weight;
  }
  return err('unknown-message', `not an SCI message: ${JSON.stringify(text.slice(0, 16))}`);
}

/**
 * Streaming decoder: splits at CR (an LF is dropped), reads each message. A line with bytes outside printable
 * ASCII is `noise`; the next CR starts afresh, so the stream resynchronises on the next good message.
 */
export class MagellanSciDecoder {
  #line: number[] = [];
  #overflowed = false;

  push(bytes: Uint8Array): DecodedSciMessage[] {
    const out: DecodedSciMessage[] = [];
    for (const raw of bytes) {
      const byte = raw & 0x7f;
      if (byte === LF) continue;
      if (byte !== CR) {
        if (this.#overflowed) continue;
        this.#line.push(raw);
        if (this.#line.length > MAX_MESSAGE) {
          out.push(err('frame-too-long', `more than ${MAX_MESSAGE} bytes without CR`));
          this.#line = [];
          this.#overflowed = true;
        }
        continue;
      }
      const line = this.#line;
      this.#line = [];
      if (this.#overflowed) {
        this.#overflowed = false;
        continue;
      }
      if (line.length === 0) continue;
      out.push(...this.#decodeLine(line));
    }
    return out;
  }

  reset(): void {
    this.#line = [];
    this.#overflowed = false;
  }

  #decodeLine(line: number[]): DecodedSciMessage[] {
    // A message may follow noise on the same line (its CR lost): report the noise, then read the message
    // from the last 'S' that decodes.
    const clean = line.every((b) => b >= 0x20 && b <= 0x7e);
    const text = String.fromCharCode(...line.map((b) => b & 0x7f));
    if (clean) return [decodeSciMessage(text)];
    for (let at = text.lastIndexOf('S'); at >= 0; at = at === 0 ? -1 : text.lastIndexOf('S', at - 1)) {
      if (!line.slice(at).every((b) => b >= 0x20 && b <= 0x7e)) break;
      const message = decodeSciMessage(text.slice(at));
      if (message.ok) return [err('noise', `${at} byte(s) of noise before a message`), message];
    }
    return [err('noise', `${line.length} byte(s) of noise`)];
  }
}
