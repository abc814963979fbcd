import { SIM_PRINTER_MODELS, type SimPrinterModel, upperHalf } from './printer-model.js';

/**
 * A streaming ESC/POS decoder: the simulated printer's own reading of the Epson "ESC/POS Command
 * Reference for TM printers", written apart from the driver's encoder so one cannot hide the other's bug.
 *
 * Total: any byte sequence yields events, never an exception. A command whose declared length is
 * absurd is reported as `malformed` and skipped after its header, so the stream carries on.
 */

export type Alignment = 'left' | 'center' | 'right';

export interface PrintStyle {
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly widthMultiplier: number;
  readonly heightMultiplier: number;
  readonly align: Alignment;
}

export type EscPosEvent =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly style: PrintStyle;
      /** Multi-byte characters printed in Kanji mode: each takes two half-width columns on paper. */
      readonly wide: boolean;
    }
  | { readonly kind: 'newline'; readonly style: PrintStyle }
  | { readonly kind: 'initialize' }
  | { readonly kind: 'feed'; readonly lines: number }
  | { readonly kind: 'cut'; readonly partial: boolean }
  | { readonly kind: 'drawer-kick'; readonly pin: 2 | 5; readonly onMs: number; readonly offMs: number }
  | { readonly kind: 'qr'; readonly data: string }
  | { readonly kind: 'barcode'; readonly symbology: string; readonly data: string }
  | { readonly kind: 'image'; readonly widthDots: number; readonly heightDots: number }
  | { readonly kind: 'status-request'; readonly n: number }
  | { readonly kind: 'process-id-request'; readonly processId: string }
  | { readonly kind: 'unknown-command'; readonly bytes: readonly number[] }
  | { readonly kind: 'malformed'; readonly reason: string; readonly bytes: readonly number[] };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Longest parameter block accepted before a command is called malformed (a 576 x 2000 dot raster fits). */
const MAX_COMMAND_BYTES = 1 << 20;

/** ESC x commands with a fixed number of parameter bytes (ESC/POS reference, by command). */
const ESC_FIXED: Readonly<Record<number, number>> = {
  32: 1, // ESC SP right-side spacing
  33: 1, // ESC ! print mode
  36: 2, // ESC $ absolute position
  37: 1, // ESC % user-defined set
  45: 1, // ESC - underline
  50: 0, // ESC 2 default line spacing
  51: 1, // ESC 3 line spacing
  61: 1, // ESC = select peripheral
  63: 1, // ESC ? cancel user-defined char
  64: 0, // ESC @ initialize
  66: 2, // ESC B n t buzzer (TM models with buzzer)
  69: 1, // ESC E emphasized
  71: 1, // ESC G double-strike
  74: 1, // ESC J feed dots
  76: 0, // ESC L page mode
  77: 1, // ESC M font
  82: 1, // ESC R international character set
  83: 0, // ESC S standard mode
  84: 1, // ESC T page direction
  85: 1, // ESC U unidirectional
  86: 1, // ESC V 90° rotation
  92: 2, // ESC \ relative position
  97: 1, // ESC a justification
  99: 2, // ESC c 3/4/5 n paper sensors, panel buttons
  100: 1, // ESC d feed lines
  101: 1, // ESC e reverse feed lines
  105: 0, // ESC i partial cut (legacy)
  109: 0, // ESC m partial cut (legacy)
  112: 3, // ESC p pulse
  114: 1, // ESC r print colour
  116: 1, // ESC t code table
  123: 1, // ESC { upside-down
};

/** GS x commands with a fixed number of parameter bytes. */
const GS_FIXED: Readonly<Record<number, number>> = {
  33: 1, // GS ! character size
  47: 1, // GS / print downloaded bit image
  58: 0, // GS : macro
  66: 1, // GS B reverse
  72: 1, // GS H HRI position
  73: 1, // GS I printer ID
  76: 2, // GS L left margin
  80: 2, // GS P motion units
  84: 1, // GS T print position
  87: 2, // GS W print area width
  92: 2, // GS \ relative vertical position
  97: 1, // GS a automatic status back
  98: 1, // GS b smoothing
  102: 1, // GS f HRI font
  104: 1, // GS h barcode height
  114: 1, // GS r transmit status
  119: 1, // GS w barcode width
  124: 1, // GS | print density
};

/** FS x commands with a fixed number of parameter bytes. */
const FS_FIXED: Readonly<Record<number, number>> = {
  33: 1, // FS ! Kanji print mode
  38: 0, // FS & select Kanji mode
  45: 1, // FS - Kanji underline
  46: 0, // FS . cancel Kanji mode
  67: 1, // FS C Kanji code system
  83: 2, // FS S Kanji spacing
  87: 1, // FS W Kanji quadruple size
  112: 2, // FS p print NV bit image
};

/** GS k function A (m 0–6) and function B (m 65–73) symbologies. */
const BARCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'UPC-A',
  1: 'UPC-E',
  2: 'EAN13',
  3: 'EAN8',
  4: 'CODE39',
  5: 'ITF',
  6: 'CODABAR',
  65: 'UPC-A',
  66: 'UPC-E',
  67: 'EAN13',
  68: 'EAN8',
  69: 'CODE39',
  70: 'ITF',
  71: 'CODABAR',
  72: 'CODE93',
  73: 'CODE128',
};

/** ESC t 0 (PC437) is the table ESC @ and power-on select (ESC/POS reference, ESC t, "Default"). */
const DEFAULT_CODE_TABLE = 0;

/** ESC R 15 selects the China character set: text is GB18030 as in Kanji mode. */
const INTERNATIONAL_CHINA = 15;

type Step = { readonly consumed: number; readonly events: EscPosEvent[] } | 'need-more';

export class EscPosDecoder {
  readonly model: SimPrinterModel;
  #buf = new Uint8Array(0);
  #pos = 0;
  #bold = false;
  #underline = false;
  #invert = false;
  #width = 1;
  #height = 1;
  #align: Alignment = 'left';
  #kanji = false;
  #table = DEFAULT_CODE_TABLE;
  #international = 0;
  #qrData = '';
  readonly #gb18030 = new TextDecoder('gb18030');
  readonly #utf8 = new TextDecoder('utf-8');

  /** `model` says which code tables and which Kanji code the printer has (default `chinese-gb18030`). */
  constructor(model: SimPrinterModel = SIM_PRINTER_MODELS['chinese-gb18030']) {
    this.model = model;
  }

  get style(): PrintStyle {
    return {
      bold: this.#bold,
      underline: this.#underline,
      invert: this.#invert,
      widthMultiplier: this.#width,
      heightMultiplier: this.#height,
      align: this.#align,
    };
  }

  /** Bytes waiting for the rest of a command. */
  get buffered(): number {
    return this.#buf.length - this.#pos;
  }

  push(chunk: Uint8Array): EscPosEvent[] {
    const rest = this.#buf.subarray(this.#pos);
    const merged = new Uint8Array(rest.length + chunk.length);
    merged.set(rest);
    merged.set(chunk, rest.length);
    this.#buf = merged;
    this.#pos = 0;
    const events: EscPosEvent[] = [];
    while (this.#pos < this.#buf.length) {
      const step = this.#step(this.#buf, this.#pos);
      if (step === 'need-more') break;
      this.#pos += step.consumed;
      for (const e of step.events) events.push(e);
    }
    return events;
  }

  /** Kanji mode (FS &) or the China character set (ESC R 15), on a model that has Kanji at all. */
  #multibyte(): 'gb18030' | 'gbk' | undefined {
    const on = this.#kanji || this.#international === INTERNATIONAL_CHINA;
    return on ? this.model.kanji : undefined;
  }

  #step(b: Uint8Array, p: number): Step {
    const c = b[p] as number;
    if (c === ESC) return this.#esc(b, p);
    if (c === GS) return this.#gs(b, p);
    if (c === FS) return this.#fs(b, p);
    if (c === DLE) return this.#dle(b, p);
    if (c === 0x0a) return { consumed: 1, events: [{ kind: 'newline', style: this.style }] };
    if (c === 0x0d || c === 0x18 || c === 0x00) return { consumed: 1, events: [] };
    if (c === 0x09)
      return { consumed: 1, events: [{ kind: 'text', text: '    ', style: this.style, wide: false }] };
    if (c === 0x0c) return { consumed: 1, events: [{ kind: 'newline', style: this.style }] };
    if (c < 0x20) return { consumed: 1, events: [{ kind: 'unknown-command', bytes: [c] }] };
    return this.#text(b, p);
  }

  /**
   * A run of printable bytes of one width: ASCII (also inside Kanji mode, where bytes below 0x80 are ANK
   * characters), single-byte characters of the ESC t table, or Kanji-mode multi-byte characters.
   */
  #text(b: Uint8Array, p: number): Step {
    const kanji = this.#multibyte();
    const first = b[p] as number;
    const wide = kanji !== undefined && first >= 0x80;
    let q = p;
    let text = '';
    if (!wide) {
      const half = upperHalf(this.#table) ?? [];
      while (q < b.length) {
        const c = b[q] as number;
        if (c < 0x20 || (kanji && c >= 0x80)) break;
        if (c < 0x7f) text += String.fromCharCode(c);
        else if (c === 0x7f) text += ' ';
        else text += half[c - 0x80] ?? '\ufffd';
        q++;
      }
      return { consumed: q - p, events: [{ kind: 'text', text, style: this.style, wide: false }] };
    }
    while (q < b.length && (b[q] as number) >= 0x80) {
      const len = kanji === 'gbk' ? gbkLength(b, q) : gb18030Length(b, q);
      if (len === 'need-more') {
        if (q === p) return 'need-more';
        break;
      }
      // An invalid sequence prints as one unknown glyph for its lead byte; the next byte starts afresh.
      text += len === 1 ? '\ufffd' : this.#gb18030.decode(b.subarray(q, q + len));
      q += len;
    }
    return { consumed: q - p, events: [{ kind: 'text', text, style: this.style, wide: true }] };
  }

  #esc(b: Uint8Array, p: number): Step {
    if (p + 1 >= b.length) return 'need-more';
    const cmd = b[p + 1] as number;
    if (cmd === 0x2a) return this.#escBitImage(b, p);
    if (cmd === 0x44) return nulTerminated(b, p, 2, 33, () => []);
    const params = ESC_FIXED[cmd];
    if (params === undefined)
      return { consumed: 2, events: [{ kind: 'unknown-command', bytes: [ESC, cmd] }] };
    if (p + 2 + params > b.length) return 'need-more';
    const n = b[p + 2] ?? 0;
    const events: EscPosEvent[] = [];
    switch (cmd) {
      case 0x40:
        this.#reset();
        events.push({ kind: 'initialize' });
        break;
      case 0x45:
        this.#bold = (n & 1) === 1;
        break;
      case 0x2d:
        this.#underline = (n & 3) !== 0 && n !== 0x30;
        break;
      case 0x21:
        this.#bold = (n & 0x08) !== 0;
        this.#height = n & 0x10 ? 2 : 1;
        this.#width = n & 0x20 ? 2 : 1;
        this.#underline = (n & 0x80) !== 0;
        break;
      case 0x61:
        this.#align = (['left', 'center', 'right'] as const)[n % 48] ?? 'left';
        break;
      case 0x64:
        events.push({ kind: 'feed', lines: n });
        break;
      case 0x69:
      case 0x6d:
        events.push({ kind: 'cut', partial: true });
        break;
      case 0x70:
        events.push({
          kind: 'drawer-kick',
          pin: n === 1 || n === 0x31 ? 5 : 2,
          onMs: (b[p + 3] ?? 0) * 2,
          offMs: (b[p + 4] ?? 0) * 2,
        });
        break;
      case 0x52:
        this.#international = n;
        break;
      case 0x74:
        // ESC t n: a table this model lacks is ignored (the printer keeps the one it had).
        if (this.model.codeTables.includes(n)) this.#table = n;
        else
          events.push({
            kind: 'malformed',
            reason: `code table ${n} not on this printer`,
            bytes: [ESC, 0x74, n],
          });
        break;
    }
    return { consumed: 2 + params, events };
  }

  /** ESC * m nL nH d1…dk: k = nL + nH·256 columns of 1 byte (m 0, 1) or 3 bytes (m 32, 33). */
  #escBitImage(b: Uint8Array, p: number): Step {
    if (p + 5 > b.length) return 'need-more';
    const m = b[p + 2] as number;
    const columns = (b[p + 3] as number) + (b[p + 4] as number) * 256;
    const data = columns * (m === 32 || m === 33 ? 3 : 1);
    if (p + 5 + data > b.length) return 'need-more';
    return {
      consumed: 5 + data,
      events: [{ kind: 'image', widthDots: columns, heightDots: m >= 32 ? 24 : 8 }],
    };
  }

  #gs(b: Uint8Array, p: number): Step {
    if (p + 1 >= b.length) return 'need-more';
    const cmd = b[p + 1] as number;
    switch (cmd) {
      case 0x56:
        return this.#cut(b, p);
      case 0x6b:
        return this.#barcode(b, p);
      case 0x28:
        return this.#gsParen(b, p);
      case 0x76:
        return this.#raster(b, p);
      case 0x38:
        return this.#gsEight(b, p);
    }
    const params = GS_FIXED[cmd];
    if (params === undefined) return { consumed: 2, events: [{ kind: 'unknown-command', bytes: [GS, cmd] }] };
    if (p + 2 + params > b.length) return 'need-more';
    const n = b[p + 2] ?? 0;
    if (cmd === 0x21) {
      this.#width = ((n >> 4) & 7) + 1;
      this.#height = (n & 7) + 1;
    } else if (cmd === 0x42) {
      this.#invert = (n & 1) === 1;
    }
    return { consumed: 2 + params, events: [] };
  }

  /** GS V m (m 0, 1, 48, 49) or GS V m n (m 65, 66, 97, 98, 103, 104). */
  #cut(b: Uint8Array, p: number): Step {
    if (p + 2 >= b.length) return 'need-more';
    const m = b[p + 2] as number;
    if (m === 0 || m === 48) return { consumed: 3, events: [{ kind: 'cut', partial: false }] };
    if (m === 1 || m === 49) return { consumed: 3, events: [{ kind: 'cut', partial: true }] };
    if ([65, 66, 97, 98, 103, 104].includes(m)) {
      if (p + 3 >= b.length) return 'need-more';
      return { consumed: 4, events: [{ kind: 'cut', partial: m % 2 === 0 }] };
    }
    return { consumed: 3, events: [{ kind: 'malformed', reason: 'cut mode', bytes: [GS, 0x56, m] }] };
  }

  /** GS k m d1…dk NUL (function A, m 0–6) or GS k m n d1…dn (function B, m 65–79). */
  #barcode(b: Uint8Array, p: number): Step {
    if (p + 2 >= b.length) return 'need-more';
    const m = b[p + 2] as number;
    const symbology = BARCODE_NAMES[m] ?? `m${m}`;
    if (m <= 6) {
      return nulTerminated(b, p, 3, 256, (data) => [{ kind: 'barcode', symbology, data: latin1(data) }]);
    }
    if (m >= 65 && m <= 79) {
      if (p + 3 >= b.length) return 'need-more';
      const n = b[p + 3] as number;
      if (p + 4 + n > b.length) return 'need-more';
      const raw = b.subarray(p + 4, p + 4 + n);
      const data = m === 73 ? code128Text(raw) : latin1(raw);
      return { consumed: 4 + n, events: [{ kind: 'barcode', symbology, data }] };
    }
    return { consumed: 3, events: [{ kind: 'malformed', reason: 'barcode system', bytes: [GS, 0x6b, m] }] };
  }

  /** GS ( x pL pH …: the parameter block length is pL + pH·256. */
  #gsParen(b: Uint8Array, p: number): Step {
    if (p + 5 > b.length) return 'need-more';
    const fnLetter = b[p + 2] as number;
    const len = (b[p + 3] as number) + (b[p + 4] as number) * 256;
    if (p + 5 + len > b.length) return 'need-more';
    const body = b.subarray(p + 5, p + 5 + len);
    const events: EscPosEvent[] = [];
    if (fnLetter === 0x6b && body[0] === 0x31) {
      // QR Code: fn 80 stores data (after m = 48), fn 81 prints what was stored.
      if (body[1] === 0x50) this.#qrData = this.#utf8.decode(body.subarray(3));
      else if (body[1] === 0x51) events.push({ kind: 'qr', data: this.#qrData });
    } else if (fnLetter === 0x48 && len === 6 && body[0] === 0x30 && body[1] === 0x30) {
      events.push({ kind: 'process-id-request', processId: latin1(body.subarray(2, 6)) });
    }
    return { consumed: 5 + len, events };
  }

  /** GS v 0 m xL xH yL yH d…: (xL + xH·256) bytes per row, yL + yH·256 rows. */
  #raster(b: Uint8Array, p: number): Step {
    if (p + 8 > b.length) return 'need-more';
    const widthBytes = (b[p + 4] as number) + (b[p + 5] as number) * 256;
    const rows = (b[p + 6] as number) + (b[p + 7] as number) * 256;
    const data = widthBytes * rows;
    if (data > MAX_COMMAND_BYTES) {
      return {
        consumed: 8,
        events: [{ kind: 'malformed', reason: 'raster too large', bytes: [...b.subarray(p, p + 8)] }],
      };
    }
    if (p + 8 + data > b.length) return 'need-more';
    return { consumed: 8 + data, events: [{ kind: 'image', widthDots: widthBytes * 8, heightDots: rows }] };
  }

  /** GS 8 L p1 p2 p3 p4 …: graphics data with a 32-bit parameter length. */
  #gsEight(b: Uint8Array, p: number): Step {
    if (p + 7 > b.length) return 'need-more';
    const len =
      (b[p + 3] as number) +
      (b[p + 4] as number) * 256 +
      (b[p + 5] as number) * 65536 +
      (b[p + 6] as number) * 16777216;
    if (len > MAX_COMMAND_BYTES) {
      return {
        consumed: 7,
        events: [{ kind: 'malformed', reason: 'graphics too large', bytes: [...b.subarray(p, p + 7)] }],
      };
    }
    if (p + 7 + len > b.length) return 'need-more';
    return { consumed: 7 + len, events: [] };
  }

  #fs(b: Uint8Array, p: number): Step {
    if (p + 1 >= b.length) return 'need-more';
    const cmd = b[p + 1] as number;
    const params = FS_FIXED[cmd];
    if (params === undefined) return { consumed: 2, events: [{ kind: 'unknown-command', bytes: [FS, cmd] }] };
    if (p + 2 + params > b.length) return 'need-more';
    // FS & / FS . (select / cancel Kanji character mode); an ANK model without Kanji ignores both.
    if (cmd === 0x26) this.#kanji = this.model.kanji !== undefined;
    else if (cmd === 0x2e) this.#kanji = false;
    return { consumed: 2 + params, events: [] };
  }

  /** DLE EOT n (status), DLE ENQ n (request), DLE DC4 fn m t (real-time pulse when fn = 1). */
  #dle(b: Uint8Array, p: number): Step {
    if (p + 1 >= b.length) return 'need-more';
    const cmd = b[p + 1] as number;
    if (cmd === 0x04 || cmd === 0x05) {
      if (p + 2 >= b.length) return 'need-more';
      const n = b[p + 2] as number;
      return { consumed: 3, events: cmd === 0x04 ? [{ kind: 'status-request', n }] : [] };
    }
    if (cmd === 0x14) {
      if (p + 4 >= b.length) return 'need-more';
      const fn = b[p + 2] as number;
      const events: EscPosEvent[] =
        fn === 1
          ? [
              {
                kind: 'drawer-kick',
                pin: b[p + 3] === 1 ? 5 : 2,
                onMs: (b[p + 4] as number) * 100,
                offMs: (b[p + 4] as number) * 100,
              },
            ]
          : [];
      return { consumed: 5, events };
    }
    return { consumed: 2, events: [{ kind: 'unknown-command', bytes: [DLE, cmd] }] };
  }

  #reset(): void {
    this.#bold = false;
    this.#underline = false;
    this.#invert = false;
    this.#width = 1;
    this.#height = 1;
    this.#align = 'left';
    this.#kanji = false;
    this.#table = DEFAULT_CODE_TABLE;
    this.#international = 0;
  }
}

/**
 * The human-readable text of GS k CODE128 data (function B, m = 73). The reference's CODE128 table: the
 * data starts with a code set selection "{A", "{B" or "{C"; "{S" shifts one character, "{1"–"{4" are FNC1–4
 * (GS1-128's FNC1 shown as nothing), "{{" is "{" itself; in code set C each byte 0–99 is two digits.
 */
function code128Text(bytes: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === 0x7b && i + 1 < bytes.length) {
      const next = String.fromCharCode(bytes[i + 1] as number);
      i++;
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') out += '{';
      continue;
    }
    out += set === 'C' ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const x of bytes) s += String.fromCharCode(x);
  return s;
}

/** A command whose data ends with NUL, at most `max` bytes long. */
function nulTerminated(
  b: Uint8Array,
  p: number,
  header: number,
  max: number,
  make: (data: Uint8Array) => EscPosEvent[],
): Step {
  const start = p + header;
  if (start > b.length) return 'need-more';
  const end = b.subarray(start, Math.min(b.length, start + max)).indexOf(0);
  if (end < 0) {
    if (b.length - start < max) return 'need-more';
    return {
      consumed: header,
      events: [{ kind: 'malformed', reason: 'unterminated data', bytes: [...b.subarray(p, start)] }],
    };
  }
  return { consumed: header + end + 1, events: make(b.subarray(start, start + end)) };
}

/**
 * Length of the GBK character at q: 2 for lead 0x81–0xFE with trail 0x40–0xFE except 0x7F (GBK's
 * two-byte code space); anything else is one invalid byte. GBK has no four-byte codes.
 */
function gbkLength(b: Uint8Array, q: number): number | 'need-more' {
  const c = b[q] as number;
  if (c < 0x81 || c === 0xff) return 1;
  if (q + 1 >= b.length) return 'need-more';
  const c2 = b[q + 1] as number;
  return c2 >= 0x40 && c2 <= 0xfe && c2 !== 0x7f ? 2 : 1;
}

/**
 * Length of the GB18030 character at q: 1 (ASCII), 2 (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F), or
 * 4 (lead 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39). An invalid sequence is taken as one byte, which
 * decodes to U+FFFD.
 */
function gb18030Length(b: Uint8Array, q: number): number | 'need-more' {
  const c = b[q] as number;
  if (c < 0x81 || c === 0xff) return 1;
  if (q + 1 >= b.length) return 'need-more';
  const c2 = b[q + 1] as number;
  if (c2 >= 0x30 && c2 <= 0x39) {
    if (q + 3 >= b.length) return 'need-more';
    const c3 = b[q + 2] as number;
    const c4 = b[q + 3] as number;
    return c3 >= 0x81 && c3 <= 0xfe && c4 >= 0x30 && c4 <= 0x39 ? 4 : 1;
  }
  return c2 >= 0x40 && c2 <= 0xfe && c2 !== 0x7f ? 2 : 1;
}
