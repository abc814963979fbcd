import type { Codepage } from '@point-of-sale/codepage-encoder';

/** The multi-byte character code a printer's Kanji mode (FS &) reads. */
export type KanjiEncoding = 'gb18030' | 'gbk';

/** One single-byte character table the printer can switch to with ESC t n. */
export interface CodePageSlot {
  /** `n` of ESC t n (Epson "ESC/POS Command Reference", ESC t, table of character code pages). */
  readonly n: number;
  /** The table, by the name @point-of-sale/codepage-encoder knows it under. */
  readonly codepage: Codepage;
}

/**
 * What a receipt printer can print: the code pages it has, whether it has a Kanji mode and which
 * multi-byte code that mode reads. Chosen per printer in the device config (`options.profile`).
 */
export interface PrinterProfile {
  readonly id: PrinterProfileId;
  readonly description: string;
  /** In the order text should try them: the first that has a character prints it. */
  readonly codePages: readonly CodePageSlot[];
  /** Kanji mode's character code, or undefined when the printer has no Kanji mode. */
  readonly kanji?: KanjiEncoding;
  /**
   * Whether Kanji mode reads GB18030's four-byte sequences (CJK Extension A/B); a GBK-only firmware reads
   * two-byte codes only.
   */
  readonly fourByte: boolean;
}

export type PrinterProfileId = 'epson-western' | 'chinese-gb18030' | 'chinese-gbk';

// ESC t n values below: Epson "ESC/POS Command Reference for TM printers", ESC t (select character code
// table): 0 = PC437 (USA, Standard Europe), 2 = PC850 (Multilingual), 16 = WPC1252, 17 = PC866 (Cyrillic #2),
// 18 = PC852 (Latin 2), 19 = PC858 (Euro).
const PC437: CodePageSlot = { n: 0, codepage: 'cp437' };
const PC850: CodePageSlot = { n: 2, codepage: 'cp850' };
const WPC1252: CodePageSlot = { n: 16, codepage: 'windows1252' };
const PC866: CodePageSlot = { n: 17, codepage: 'cp866' };
const PC852: CodePageSlot = { n: 18, codepage: 'cp852' };
const PC858: CodePageSlot = { n: 19, codepage: 'cp858' };

export const PRINTER_PROFILES: Readonly<Record<PrinterProfileId, PrinterProfile>> = {
  'epson-western': {
    id: 'epson-western',
    description: 'Epson TM (ANK model): PC437, PC858, WPC1252, PC866, PC852, PC850; no Kanji mode',
    codePages: [PC437, PC858, WPC1252, PC866, PC852, PC850],
    fourByte: false,
  },
  'chinese-gb18030': {
    id: 'chinese-gb18030',
    description: 'Chinese model with GB18030 Kanji mode (two- and four-byte) and PC437/PC858',
    codePages: [PC437, PC858],
    kanji: 'gb18030',
    fourByte: true,
  },
  'chinese-gbk': {
    id: 'chinese-gbk',
    description: 'Chinese model whose Kanji mode reads GBK (two-byte codes only) and PC437',
    codePages: [PC437],
    kanji: 'gbk',
    fourByte: false,
  },
};

export const PRINTER_PROFILE_IDS = Object.keys(PRINTER_PROFILES) as PrinterProfileId[];

/**
 * The default keeps what the lanes printed before profiles existed: a Chinese GB18030 printer.
 */
export const DEFAULT_PRINTER_PROFILE: PrinterProfile = PRINTER_PROFILES['chinese-gb18030'];

export function isPrinterProfileId(value: unknown): value is PrinterProfileId {
  return typeof value === 'string' && (PRINTER_PROFILE_IDS as string[]).includes(value);
}
