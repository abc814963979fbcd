import { describe, expect, it } from 'vitest';
import type { BarcodeFailureReason } from './barcode-result.js';
import { renderDigitalLink } from './gs1-digital-link.js';
import { parseBarcode } from './parse-barcode.js';

type Pairs = readonly (readonly [string, string])[];

/**
 * URIs and the AI data they carry, from gs1-syntax-engine's Digital Link parser tests
 * (github.com/gs1/gs1-syntax-engine, src/c-lib/dl.c, `test_dl_parseDLuri`), which include the examples of the
 * GS1 Digital Link Standard: URI Syntax. Where the engine pads a GTIN-13 only with its legacy flag on, we
 * pad it always (a lane reads what it is shown); the engine's `^` FNC1 marks are left out.
 */
const READ: readonly (readonly [string, Pairs])[] = [
  ['http://a/00/006141411234567890', [['00', '006141411234567890']]],
  ['HTTPS://a/00/006141411234567890', [['00', '006141411234567890']]],
  ['https://a/01/12312312312333', [['01', '12312312312333']]],
  ['https://a:65535/01/12312312312333', [['01', '12312312312333']]],
  ['https://[2001:db8::1]/01/12312312312333', [['01', '12312312312333']]],
  ['https://a/stem/00/006141411234567890', [['00', '006141411234567890']]],
  ['https://a/more/stem/00/006141411234567890', [['00', '006141411234567890']]],
  // "Fake AI in stem, stop at rightmost key"
  ['https://a/00/faux/00/006141411234567890', [['00', '006141411234567890']]],
  [
    'https://a/01/12312312312333/22/TEST/10/ABC/21/XYZ',
    [
      ['01', '12312312312333'],
      ['22', 'TEST'],
      ['10', 'ABC'],
      ['21', 'XYZ'],
    ],
  ],
  [
    'https://a/01/12312312312333/235/TEST',
    [
      ['01', '12312312312333'],
      ['235', 'TEST'],
    ],
  ],
  ['https://a/253/1231231231232', [['253', '1231231231232']]],
  ['https://a/253/1231231231232TEST5678901234567', [['253', '1231231231232TEST5678901234567']]],
  [
    'https://a/8018/123456789012345675/8019/123',
    [
      ['8018', '123456789012345675'],
      ['8019', '123'],
    ],
  ],
  ['https://a/stem/00/006141411234567890?', [['00', '006141411234567890']]],
  [
    'https://a/stem/00/006141411234567890?99=ABC',
    [
      ['00', '006141411234567890'],
      ['99', 'ABC'],
    ],
  ],
  [
    'https://a/stem/401/12345678?99=ABC',
    [
      ['401', '12345678'],
      ['99', 'ABC'],
    ],
  ],
  [
    'https://a/01/12312312312333?&&&99=ABC&&&&&&98=XYZ&&&',
    [
      ['01', '12312312312333'],
      ['99', 'ABC'],
      ['98', 'XYZ'],
    ],
  ],
  [
    'https://a/01/12312312312333?singleton1&unknown1=555&99=ABC&singleton2&unknown2=6666&98=XYZ&unknown3=777&singleton3',
    [
      ['01', '12312312312333'],
      ['99', 'ABC'],
      ['98', 'XYZ'],
    ],
  ],
  [
    'https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987',
    [
      ['01', '12312312312333'],
      ['22', 'ABC-123'],
      ['99', 'ABC'],
      ['98', 'XYZ/987'],
    ],
  ],
  // "+" is "+" in the path
  [
    'https://a/01/12312312312333/22/ABC+123?99=ABC&98=XYZ%2f987',
    [
      ['01', '12312312312333'],
      ['22', 'ABC+123'],
      ['99', 'ABC'],
      ['98', 'XYZ/987'],
    ],
  ],
  [
    'https://a/01/12312312312333/22/test/10/abc/21/xyz#fragment',
    [
      ['01', '12312312312333'],
      ['22', 'test'],
      ['10', 'abc'],
      ['21', 'xyz'],
    ],
  ],
  [
    'https://a/stem/00/006141411234567890?99=ABC#',
    [
      ['00', '006141411234567890'],
      ['99', 'ABC'],
    ],
  ],
  // Examples from the Digital Link specification, as the engine's tests carry them.
  ['https://id.gs1.org/01/09520123456788', [['01', '09520123456788']]],
  ['https://brand.example.com/01/9520123456788', [['01', '09520123456788']]],
  ['https://brand.example.com/some-extra/pathinfo/01/9520123456788', [['01', '09520123456788']]],
  [
    'https://id.gs1.org/01/09520123456788/22/2A',
    [
      ['01', '09520123456788'],
      ['22', '2A'],
    ],
  ],
  [
    'https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426',
    [
      ['01', '09520123456788'],
      ['10', 'ABC1'],
      ['21', '12345'],
      ['17', '180426'],
    ],
  ],
  [
    'https://example.com/01/9520123456788?3103=000195&3922=0299&17=201225',
    [
      ['01', '09520123456788'],
      ['3103', '000195'],
      ['3922', '0299'],
      ['17', '201225'],
    ],
  ],
  [
    'https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123',
    [
      ['00', '952012345678912345'],
      ['02', '09520123456788'],
      ['37', '25'],
      ['10', 'ABC123'],
    ],
  ],
  ['https://id.gs1.org/414/9520123456788', [['414', '9520123456788']]],
  [
    'https://id.gs1.org/414/9520123456788/254/32a%2Fb',
    [
      ['414', '9520123456788'],
      ['254', '32a/b'],
    ],
  ],
  // "Second primary key (GTIN) carried as a query parameter data attribute"
  [
    'https://example.com/8004/9520614141234567?01=09520123456788',
    [
      ['8004', '9520614141234567'],
      ['01', '09520123456788'],
    ],
  ],
  // "This is fine because we chose an alternate key qualifier"
  [
    'https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123',
    [
      ['01', '09520123456788'],
      ['235', 'XYZ'],
      ['10', 'ABC123'],
    ],
  ],
];

/** URIs the same tests refuse, with the reason we give. */
const REFUSED: readonly (readonly [string, BarcodeFailureReason])[] = [
  ['http://a', 'unrecognised'],
  ['http://a/', 'digital-link'],
  ['http://a/b', 'unrecognised'],
  ['http://a/b/', 'digital-link'],
  ['HtTp://a/b/00/006141411234567890', 'charset'], // mixed-case scheme
  ['https://00/006141411234567890', 'unrecognised'], // no domain
  ['https://a/01/12312312312333<bad', 'length'],
  ['https://a/253/1231231231232TEST56789012345678', 'length'], // N13 X..17 too long
  ['https://a/stem/00/006141411234567890/', 'digital-link'], // can't end in slash
  ['https://a/01/12312312312333?99=', 'length'], // empty AI value in query parameter
  ['https://a/01/12312312312333?99=ABC&999=faux', 'unknown-ai'], // non-AI, numeric-only query param
  ['https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ+987', 'charset'], // "+" is a space in the query
  ['https://example.com/01/09520123456788?10=ABC123', 'digital-link'], // belongs in the path
  ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788', 'duplicate-ai'],
  ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123', 'digital-link'],
  ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789', 'duplicate-ai'],
  ['https://example.com/01/09520123456788/89/ABC123?99=XYZ', 'unrecognised'], // unknown AI in the path
  ['https://example.com/01/09520123456788?99=XYZ&89=ABC123', 'unknown-ai'],
  ['https://a/01//12312312312333', 'digital-link'], // empty AI value in a path element
  ['https://a/01/1231231231233%003', 'length'], // percent-encoded NUL in a path value
  ['https://a/01/12312312312333?99=ABC%00DEF', 'charset'],
  ['https://a/01/12312312312333/10/', 'digital-link'],
  ['https://a/01/12312312312333/99/ABC', 'ai-value'], // (99) is no key qualifier
];

describe('GS1 Digital Link, against gs1-syntax-engine’s fixtures', () => {
  it.each(READ)('reads %s', (uri, pairs) => {
    const result = parseBarcode(uri);
    expect(result).toMatchObject({ ok: true, kind: 'gs1', source: 'digital-link' });
    if (result.ok && result.kind === 'gs1') {
      expect(result.elements.map((e) => [e.ai, e.value])).toEqual(pairs.map(([ai, v]) => [ai, v]));
    }
  });

  it.each(REFUSED)('refuses %s (%s)', (uri, reason) => {
    expect(parseBarcode(uri)).toMatchObject({ ok: false, reason });
  });
});

describe('GS1 Digital Link keys and qualifiers', () => {
  it('takes the rightmost key, whatever key-like text the custom path holds', () => {
    expect(parseBarcode('https://example.com/01/shop/01/09506000134352/10/L1')).toMatchObject({
      gtin: '09506000134352',
      batch: 'L1',
    });
    expect(parseBarcode('https://example.com/01/09520123456788/8004/9520614141234567')).toMatchObject({
      ok: true,
      giai: '9520614141234567',
      elements: [{ ai: '8004' }],
    });
  });

  it('reads GDTI (253), GIAI (8004) and the TPX qualifier (235) into typed fields', () => {
    expect(parseBarcode('https://id.gs1.org/253/1231231231232TEST')).toMatchObject({
      gdti: '1231231231232TEST',
    });
    expect(parseBarcode('https://id.gs1.org/8004/9520614141234567')).toMatchObject({
      giai: '9520614141234567',
    });
    expect(parseBarcode('https://id.gs1.org/01/09520123456788/235/XYZ%2F1')).toMatchObject({
      gtin: '09520123456788',
      tpx: 'XYZ/1',
    });
    // (235) and (22)/(10)/(21) are alternatives: they do not mix in the path.
    expect(parseBarcode('https://id.gs1.org/01/09520123456788/10/L/235/XYZ')).toMatchObject({
      reason: 'ai-value',
    });
  });

  it('reads + in the query as a space, then checks the value against its AI', () => {
    // AI 99 is character set 82, which has no space: the space is decoded, then refused.
    expect(parseBarcode('https://id.gs1.org/01/09520123456788?99=A+B')).toMatchObject({
      reason: 'charset',
    });
    expect(parseBarcode('https://id.gs1.org/01/09520123456788?99=A%2BB')).toMatchObject({
      elements: [{ ai: '01' }, { ai: '99', value: 'A+B' }],
    });
  });

  it('renders 253, 8004 and 235 in the path and never puts a qualifier in the query', () => {
    // gs1-syntax-engine test_dl_generateDLuri: "(253)9526064000028000001(99)000001(8017)…"
    expect(
      renderDigitalLink(
        [
          { ai: '253', value: '9526064000028000001' },
          { ai: '99', value: '000001' },
          { ai: '8017', value: '795260646688514634' },
        ],
        { base: 'https://example.com' },
      ),
    ).toBe('https://example.com/253/9526064000028000001?99=000001&8017=795260646688514634');
    expect(
      renderDigitalLink([
        { ai: '01', value: '09520123456788' },
        { ai: '235', value: 'TPX9526064' },
      ]),
    ).toBe('https://id.gs1.org/01/09520123456788/235/TPX9526064');
    // "(235) used as qualifier for (01), therefore (22) is invalid as a data attribute"
    expect(() =>
      renderDigitalLink([
        { ai: '01', value: '12312312312326' },
        { ai: '235', value: 'TPX9526064' },
        { ai: '22', value: 'ABC' },
      ]),
    ).toThrow(/data attribute/);
  });
});
