import iconv from 'iconv-lite';

/**
 * Which character tables a simulated printer model has, read from the Epson "ESC/POS Command Reference
 * for TM printers": ESC t n selects a table from the "Character code tables" list, FS & enters Kanji mode on
 * the models that have one (Simplified Chinese models read GB18030 or, on older firmware, GBK).
 */
export interface SimPrinterModel {
  readonly id: SimPrinterModelId;
  /** ESC t n values this model accepts. */
  readonly codeTables: readonly number[];
  /** Kanji mode's character code; an ANK (Western) model has none and ignores FS & / FS . */
  readonly kanji?: 'gb18030' | 'gbk';
}

export type SimPrinterModelId = 'epson-western' | 'chinese-gb18030' | 'chinese-gbk';

/** ESC t n → the code page it selects (ESC/POS reference, ESC t, "Character code table" column). */
const CODE_TABLES: Readonly<Record<number, string>> = {
  0: 'cp437', // Page 0 PC437: USA, Standard Europe
  2: 'cp850', // Page 2 PC850: Multilingual
  3: 'cp860', // Page 3 PC860: Portuguese
  4: 'cp863', // Page 4 PC863: Canadian-French
  5: 'cp865', // Page 5 PC865: Nordic
  16: 'cp1252', // Page 16 WPC1252
  17: 'cp866', // Page 17 PC866: Cyrillic #2
  18: 'cp852', // Page 18 PC852: Latin 2
  19: 'cp858', // Page 19 PC858: Euro
};

export const SIM_PRINTER_MODELS: Readonly<Record<SimPrinterModelId, SimPrinterModel>> = {
  'epson-western': { id: 'epson-western', codeTables: [0, 2, 3, 4, 5, 16, 17, 18, 19] },
  'chinese-gb18030': { id: 'chinese-gb18030', codeTables: [0, 2, 16, 17, 18, 19], kanji: 'gb18030' },
  'chinese-gbk': { id: 'chinese-gbk', codeTables: [0], kanji: 'gbk' },
};

export function isSimPrinterModelId(value: unknown): value is SimPrinterModelId {
  return typeof value === 'string' && value in SIM_PRINTER_MODELS;
}

/** The 128 characters of a code table's upper half (0x80–0xFF), decoded with iconv-lite's tables. */
const upperHalves = new Map<number, string[]>();

export function upperHalf(table: number): readonly string[] | undefined {
  const name = CODE_TABLES[table];
  if (!name) return undefined;
  let half = upperHalves.get(table);
  if (!half) {
    const bytes = Buffer.alloc(128);
    for (let i = 0; i < 128; i++) bytes[i] = 0x80 + i;
    half = [...iconv.decode(bytes, name)];
    upperHalves.set(table, half);
  }
  return half;
}
