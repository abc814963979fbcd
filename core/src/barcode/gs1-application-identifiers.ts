/**
 * GS1 Application Identifiers this suite reads (GS1 General Specifications §3.2, "GS1 Application
 * Identifiers in numerical order"). `n` data is digits; `x` data is the GS1 AI encodable character set 82.
 */
export type Gs1AiDefinition = {
  readonly ai: string;
  readonly title: string;
  readonly charset: 'n' | 'x';
  readonly minLength: number;
  readonly maxLength: number;
  /** The last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN). */
  readonly checkDigit?: boolean;
  /** YYMMDD with DD 00 allowed for "end of month" (§7.12). */
  readonly date?: boolean;
  /** For 310n / 392n: the AI's last digit is the number of decimals. */
  readonly decimals?: number;
};

/**
 * Element strings whose length is fixed by their first two digits need no FNC1 separator after them
 * (§7.8.5, Figure 7.8.5-2, "Element strings with predefined length using GS1 AIs"): total characters
 * including the AI.
 */
export const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

const table = new Map<string, Gs1AiDefinition>();
const fixed = (
  ai: string,
  title: string,
  charset: 'n' | 'x',
  length: number,
  extra: Partial<Gs1AiDefinition> = {},
) => table.set(ai, { ai, title, charset, minLength: length, maxLength: length, ...extra });
const variable = (ai: string, title: string, charset: 'n' | 'x', maxLength: number) =>
  table.set(ai, { ai, title, charset, minLength: 1, maxLength });

fixed('00', 'SSCC', 'n', 18, { checkDigit: true });
fixed('01', 'GTIN', 'n', 14, { checkDigit: true });
fixed('02', 'CONTENT', 'n', 14, { checkDigit: true });
variable('10', 'BATCH/LOT', 'x', 20);
for (const [ai, title] of [
  ['11', 'PROD DATE'],
  ['12', 'DUE DATE'],
  ['13', 'PACK DATE'],
  ['15', 'BEST BEFORE or BEST BY'],
  ['16', 'SELL BY'],
  ['17', 'USE BY or EXPIRY'],
] as const) {
  fixed(ai, title, 'n', 6, { date: true });
}
fixed('20', 'VARIANT', 'n', 2);
variable('21', 'SERIAL', 'x', 20);
variable('22', 'CPV', 'x', 20);
variable('240', 'ADDITIONAL ID', 'x', 30);
variable('241', 'CUST. PART No.', 'x', 30);
variable('250', 'SECONDARY SERIAL', 'x', 30);
variable('254', 'GLN EXTENSION COMPONENT', 'x', 20);
variable('30', 'VAR. COUNT', 'n', 8);
for (let n = 0; n <= 5; n++) fixed(`310${n}`, 'NET WEIGHT (kg)', 'n', 6, { decimals: n });
variable('37', 'COUNT', 'n', 8);
for (let n = 0; n <= 9; n++)
  table.set(`392${n}`, {
    ai: `392${n}`,
    title: 'PRICE',
    charset: 'n',
    minLength: 1,
    maxLength: 15,
    decimals: n,
  });
for (let n = 0; n <= 9; n++)
  table.set(`393${n}`, {
    ai: `393${n}`,
    title: 'PRICE + ISO',
    charset: 'n',
    minLength: 4,
    maxLength: 18,
    decimals: n,
  });
variable('400', 'ORDER NUMBER', 'x', 30);
for (const [ai, title] of [
  ['410', 'SHIP TO LOC'],
  ['411', 'BILL TO'],
  ['412', 'PURCHASE FROM'],
  ['413', 'SHIP FOR LOC'],
  ['414', 'LOC No.'],
  ['415', 'PAY TO'],
] as const) {
  fixed(ai, title, 'n', 13, { checkDigit: true });
}
variable('420', 'SHIP TO POST', 'x', 20);
fixed('7003', 'EXPIRY TIME', 'n', 10);
variable('8200', 'PRODUCT URL', 'x', 70);
variable('90', 'INTERNAL', 'x', 30);
for (let i = 91; i <= 99; i++) variable(String(i), 'INTERNAL', 'x', 90);

export const GS1_APPLICATION_IDENTIFIERS: ReadonlyMap<string, Gs1AiDefinition> = table;

/** The AI at the start of `text` (AIs are prefix-free, 2 to 4 digits), or undefined. */
export function lookupAi(text: string, start = 0): Gs1AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    const found = table.get(text.slice(start, start + length));
    if (found) return found;
  }
  return undefined;
}

/** GS1 AI encodable character set 82 (§7.11, Figure 7.11-1). */
export const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
