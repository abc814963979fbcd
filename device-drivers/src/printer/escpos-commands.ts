/**
 * ESC/POS byte constants. Every value is from the Epson "ESC/POS Command Reference for TM printers"
 * (command name given beside each); the simulated printer decodes them with its own table.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** ESC @ — initialize printer. */
export const INITIALIZE = [ESC, 0x40] as const;
/** ESC a n — select justification (0 left, 1 centre, 2 right). */
export const SELECT_JUSTIFICATION = [ESC, 0x61] as const;
/** ESC E n — turn emphasized mode on/off. */
export const SELECT_EMPHASIZED = [ESC, 0x45] as const;
/** ESC - n — underline mode (0 off, 1 one-dot, 2 two-dot). */
export const SELECT_UNDERLINE = [ESC, 0x2d] as const;
/** GS ! n — select character size; bits 4-6 width multiplier-1, bits 0-2 height multiplier-1. */
export const SELECT_CHARACTER_SIZE = [GS, 0x21] as const;
/** GS B n — white/black reverse print mode. */
export const SELECT_REVERSE = [GS, 0x42] as const;
/** ESC d n — print and feed n lines. */
export const PRINT_AND_FEED_LINES = [ESC, 0x64] as const;
/** GS V m n with m = 65 (full) / 66 (partial) — feed paper by n and cut. */
export const FEED_AND_CUT_FULL = [GS, 0x56, 0x41] as const;
export const FEED_AND_CUT_PARTIAL = [GS, 0x56, 0x42] as const;
/** ESC p m t1 t2 — generate pulse on drawer kick-out connector pin (m 0 = pin 2, 1 = pin 5), t in 2 ms units. */
export const GENERATE_PULSE = [ESC, 0x70] as const;
/** ESC t n — select character code table (n per the reference's table: 0 PC437, 16 WPC1252, 19 PC858…). */
export const SELECT_CHARACTER_CODE_TABLE = [ESC, 0x74] as const;
/** FS & — select Kanji character mode (multi-byte text: GB18030 or GBK, as the printer model reads it). */
export const SELECT_KANJI_MODE = [FS, 0x26] as const;
/** FS . — cancel Kanji character mode. */
export const CANCEL_KANJI_MODE = [FS, 0x2e] as const;
/** GS h n — barcode height in dots; GS w n — module width; GS H n — HRI position. */
export const SET_BARCODE_HEIGHT = [GS, 0x68] as const;
export const SET_BARCODE_WIDTH = [GS, 0x77] as const;
export const SET_HRI_POSITION = [GS, 0x48] as const;
/** GS k m n d1…dn — print barcode, function B (m 65–73). */
export const PRINT_BARCODE = [GS, 0x6b] as const;
/** GS ( k — 2D symbol functions; cn 49 selects QR Code. */
export const SYMBOL_FUNCTION = [GS, 0x28, 0x6b] as const;
export const QR_CN = 0x31;
/** QR fn 65 (select model), 67 (module size), 69 (error correction), 80 (store data), 81 (print). */
export const QR_FN_MODEL = 0x41;
export const QR_FN_SIZE = 0x43;
export const QR_FN_ERROR_CORRECTION = 0x45;
export const QR_FN_STORE = 0x50;
export const QR_FN_PRINT = 0x51;
/**
 * GS ( H pL pH fn m d1 d2 d3 d4 with fn = m = 48 — request transmission of a process ID response.
 * The printer answers 0x37 0x22 d1 d2 d3 d4 0x00 once it has processed everything sent before it:
 * this is the end-of-job acknowledgement the driver waits for.
 */
export const REQUEST_PROCESS_ID = [GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] as const;
export const PROCESS_ID_HEADER = 0x37;
export const PROCESS_ID_IDENTIFIER = 0x22;
/** DLE EOT n — transmit real-time status (n 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor). */
export const TRANSMIT_REALTIME_STATUS = [DLE, EOT] as const;
