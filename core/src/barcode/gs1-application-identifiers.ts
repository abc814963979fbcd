/**
 * The GS1 Application Identifiers this suite reads, as data: the entries of the GS1 Barcode Syntax
 * Dictionary, release 2026-01-27 (github.com/gs1/gs1-syntax-dictionary, `gs1-syntax-dictionary.txt`), which
 * transcribes the AI table of the GS1 General Specifications (Release 25, §3.2 "GS1 Application Identifiers
 * in numerical order") into components that can be checked one by one.
 *
 * Each line keeps the dictionary's columns: AI or AI range, flags (`*` = predefined length, no FNC1 needed
 * after it, §7.8.5 Figure 7.8.5-2; `?` = allowed as a Digital Link data attribute), the components
 * (`N` digits, `X` GS1 AI encodable character set 82; `N6` fixed, `N..20` up to 20, `[…]` optional), the
 * Digital Link primary key attribute (`dlpkey=22,10,21|235`: ordered qualifier alternatives), and the title.
 * The dictionary's mandatory/exclusive pairings (`req=`, `ex=`) are not checked here, nor the linters this
 * file leaves out (company prefix position `gcppos*`, ISO 3166/4217 code lists, `pieceoftotal`,
 * `importeridx`); every linter kept on a line below is checked.
 */
const SYNTAX_DICTIONARY = `
00         *?  N18,csum                          dlpkey                # SSCC
01         *?  N14,csum                          dlpkey=22,10,21|235   # GTIN
02         *?  N14,csum                                                # CONTENT
03         *   N14,csum                                                # MTO GTIN
10          ?  X..20                                                   # BATCH/LOT
11         *?  N6,yymmd0                                               # PROD DATE
12         *?  N6,yymmd0                                               # DUE DATE
13         *?  N6,yymmd0                                               # PACK DATE
15         *?  N6,yymmd0                                               # BEST BEFORE or BEST BY
16         *?  N6,yymmd0                                               # SELL BY
17         *?  N6,yymmd0                                               # USE BY or EXPIRY
20         *?  N2                                                      # VARIANT
21             X..20                                                   # SERIAL
22             X..20                                                   # CPV
235            X..28                                                   # TPX
240         ?  X..30                                                   # ADDITIONAL ID
241         ?  X..30                                                   # CUST. PART No.
242         ?  N..6                                                    # MTO VARIANT
250         ?  X..30                                                   # SECONDARY SERIAL
251         ?  X..30                                                   # REF. TO SOURCE
253         ?  N13,csum [X..17]                  dlpkey                # GDTI
254            X..20                                                   # GLN EXTENSION COMPONENT
255         ?  N13,csum [N..12]                  dlpkey                # GCN
30          ?  N..8                                                    # VAR. COUNT
3100-3105  *?  N6                                                      # NET WEIGHT (kg)
3110-3115  *?  N6                                                      # LENGTH (m)
3200-3205  *?  N6                                                      # NET WEIGHT (lb)
37          ?  N..8                                                    # COUNT
3900-3909   ?  N..15                                                   # AMOUNT
3920-3929   ?  N..15                                                   # PRICE
3930-3939   ?  N3 N..15                                                # PRICE
400         ?  X..30                                                   # ORDER NUMBER
401         ?  X..30                             dlpkey                # GINC
402         ?  N17,csum                          dlpkey                # GSIN
410        *?  N13,csum                                                # SHIP TO LOC
411        *?  N13,csum                                                # BILL TO
412        *?  N13,csum                                                # PURCHASE FROM
413        *?  N13,csum                                                # SHIP FOR LOC
414        *?  N13,csum                          dlpkey=254|7040       # LOC No.
415        *?  N13,csum                                                # PAY TO
416        *?  N13,csum                                                # PROD/SERV LOC
417        *?  N13,csum                          dlpkey=7040           # PARTY
420         ?  X..20                                                   # SHIP TO POST
7003        ?  N6,yymmdd N4,hhmi                                       # EXPIRY TIME
7006        ?  N6,yymmdd                                               # FIRST FREEZE DATE
7007        ?  N6,yymmdd [N6],yymmdd                                   # HARVEST DATE
7011        ?  N6,yymmdd [N4],hhmi                                     # TEST BY DATE
7040           N1 X1 X1 X1                                             # UIC+EXT
7230        ?  X2 X..28                                                # CERT # 1
7231        ?  X2 X..28                                                # CERT # 2
7232        ?  X2 X..28                                                # CERT # 3
7233        ?  X2 X..28                                                # CERT # 4
7234        ?  X2 X..28                                                # CERT # 5
7235        ?  X2 X..28                                                # CERT # 6
7236        ?  X2 X..28                                                # CERT # 7
7237        ?  X2 X..28                                                # CERT # 8
7238        ?  X2 X..28                                                # CERT # 9
7239        ?  X2 X..28                                                # CERT # 10
8003        ?  N1,zero N13,csum [X..16]          dlpkey                # GRAI
8004        ?  X..30                             dlpkey=7040           # GIAI
8006        ?  N14,csum N4                       dlpkey=22,10,21       # ITIP
8008        ?  N6,yymmdd N2,hh [N2],mi [N2],ss                         # PROD TIME
8017        ?  N18,csum                          dlpkey=8019           # GSRN - PROVIDER
8018        ?  N18,csum                          dlpkey=8019           # GSRN - RECIPIENT
8019           N..10                                                   # SRIN
8200           X..70                                                   # PRODUCT URL
90          ?  X..30                                                   # INTERNAL
91-99       ?  X..90                                                   # INTERNAL
`;

export type Gs1Linter = 'csum' | 'yymmd0' | 'yymmdd' | 'hhmi' | 'hh' | 'mi' | 'ss' | 'zero';

/** One part of an AI's data, e.g. `N6,yymmdd` or `[X..16]`. */
export type Gs1AiComponent = {
  readonly charset: 'n' | 'x';
  readonly minLength: number;
  readonly maxLength: number;
  readonly optional: boolean;
  readonly linters: readonly Gs1Linter[];
};

export type Gs1AiDefinition = {
  readonly ai: string;
  readonly title: string;
  readonly components: readonly Gs1AiComponent[];
  /** `x` when any component is character set 82, else `n`. */
  readonly charset: 'n' | 'x';
  /** Shortest and longest data, all components together. */
  readonly minLength: number;
  readonly maxLength: number;
  /** False for the predefined-length AIs that need no FNC1 after them (flag `*`). */
  readonly fnc1Required: boolean;
  /** May appear in a Digital Link query string (flag `?`). */
  readonly dataAttribute: boolean;
  /** Set when the AI is a Digital Link primary key: its ordered key-qualifier alternatives (maybe none). */
  readonly keyQualifiers?: readonly (readonly string[])[];
  /** For 31nn-36nn and 390n-395n: the AI's last digit is the number of decimals (§3.6). */
  readonly decimals?: number;
};

const LINTERS: ReadonlySet<string> = new Set(['csum', 'yymmd0', 'yymmdd', 'hhmi', 'hh', 'mi', 'ss', 'zero']);
const COMPONENT = /^(\[)?([NX])(\.\.)?([0-9]+)(\])?((?:,[a-z0-9]+)*)$/;

function parseComponent(text: string, line: string): Gs1AiComponent {
  const match = COMPONENT.exec(text);
  if (!match || Boolean(match[1]) !== Boolean(match[5]))
    throw new Error(`syntax dictionary: bad component ${text} in: ${line}`);
  const length = Number(match[4]);
  const linters = (match[6] ?? '').split(',').filter((l) => l !== '');
  for (const linter of linters) {
    if (!LINTERS.has(linter)) throw new Error(`syntax dictionary: unknown linter ${linter} in: ${line}`);
  }
  return {
    charset: match[2] === 'N' ? 'n' : 'x',
    minLength: match[3] ? 1 : length,
    maxLength: length,
    optional: Boolean(match[1]),
    linters: linters as Gs1Linter[],
  };
}

function parseDictionary(text: string): Map<string, Gs1AiDefinition> {
  const table = new Map<string, Gs1AiDefinition>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const hash = line.indexOf('#');
    const title = line.slice(hash + 1).trim();
    const fields = line.slice(0, hash).trim().split(/\s+/);
    const range = fields.shift()!;
    const flags = /^[*?]+$/.test(fields[0] ?? '') ? fields.shift()! : '';
    let keyQualifiers: string[][] | undefined;
    const components: Gs1AiComponent[] = [];
    for (const field of fields) {
      if (field === 'dlpkey') keyQualifiers = [];
      else if (field.startsWith('dlpkey=')) {
        keyQualifiers = field
          .slice(7)
          .split('|')
          .map((alternative) => alternative.split(','));
      } else components.push(parseComponent(field, line));
    }
    const [first, last = first] = range.split('-') as [string, string?];
    for (let n = Number(first); n <= Number(last); n++) {
      const ai = String(n).padStart(first.length, '0');
      const decimals = ai.length === 4 && /^3[1-69]/.test(ai) ? Number(ai[3]) : undefined;
      const minLength = components.reduce((sum, c) => sum + (c.optional ? 0 : c.minLength), 0);
      const definition: Gs1AiDefinition = {
        ai,
        title,
        components,
        charset: components.some((c) => c.charset === 'x') ? 'x' : 'n',
        minLength,
        maxLength: components.reduce((sum, c) => sum + c.maxLength, 0),
        fnc1Required: !flags.includes('*'),
        dataAttribute: flags.includes('?'),
        ...(keyQualifiers === undefined ? {} : { keyQualifiers }),
        ...(decimals === undefined ? {} : { decimals }),
      };
      table.set(ai, definition);
    }
  }
  return table;
}

const table = parseDictionary(SYNTAX_DICTIONARY);

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
