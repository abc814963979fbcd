import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { fillWithDefaultSettings } from 'rxdb';
import { averageSchema, averageSchemaData } from 'rxdb/plugins/test-utils';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../src/document-codec.js';
import { createDocumentCodec, DocumentCodecError, shapeOfSchema } from '../src/document-codec.js';
import { LEGACY_TABLE_FORMAT, newTableFormat, parseTableFormat } from '../src/table-format.js';

/** What a document looks like after a trip through JSON: the standard the codec must meet. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Member names the generated schemas and values share, so values often fit their shapes. */
const NAMES = ['id', 'a', 'b', 'list', 'deep', '__proto__', 'toString', 'constructor', '', 'ä 💩'];

/** Any UTF-16 text, lone surrogates and NUL included, now and then longer than a one-character length. */
const anyText = fc
  .oneof(
    { weight: 20, arbitrary: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constant(Array.from({ length: 60_000 }, (_, i) => 0x41 + (i % 26))) },
  )
  .map((codes) => String.fromCharCode(...codes));

const { value: anyValue } = fc.letrec<{ value: unknown; member: [string, unknown] }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText,
    fc.double(),
    fc.integer(),
    fc.integer({ min: 0, max: 70_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(tie('member'), { maxLength: 5 }).map((members) => {
      const object: Record<string, unknown> = {};
      for (const [name, member] of members) {
        Object.defineProperty(object, name, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }),
  ),
  member: fc.tuple(fc.oneof(fc.constantFrom(...NAMES), anyText), tie('value')),
}));

const { node: anySchemaNode } = fc.letrec<{ node: object }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom({ type: 'string' }, { type: 'number' }, { type: 'boolean' }, {}),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...NAMES), tie('node')), {
        selector: ([name]) => name,
        maxLength: 6,
      })
      .map((properties) => ({ type: 'object', properties: Object.fromEntries(properties) })),
    tie('node').map((items) => ({ type: 'array', items })),
  ),
}));

const shapedCodec = (shape: Shape) => createDocumentCodec<unknown>({ format: 'shape-1', shape });

describe('document codec', () => {
  it('reads back exactly what JSON would, for any value under any shape, as well-formed text', () => {
    fc.assert(
      fc.property(anySchemaNode, anyValue, (schema, value) => {
        if (value === undefined || typeof value === 'function') {
          return; // JSON cannot store these as a whole document either
        }
        const codec = shapedCodec(shapeOfSchema(schema));
        const text = codec.encode(value);
        expect(text.isWellFormed()).toBe(true);
        expect(isDeepStrictEqual(codec.decode(text), throughJson(value))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back documents that fit their schema, including members the schema does not declare', () => {
    const schema = fillWithDefaultSettings(averageSchema());
    const codec = shapedCodec(shapeOfSchema(schema));
    for (let i = 0; i < 500; i++) {
      const doc = {
        ...averageSchemaData({ var2: i }),
        _meta: { lwt: 1_700_000_000_000.01 + i },
        _rev: `1-${i}`,
        _deleted: i % 7 === 0,
        _attachments: {},
      };
      const text = codec.encode(doc);
      // The shape leaves the declared names out of the stored text; the undeclared `deeper` stays in.
      expect(text).not.toContain('var1');
      expect(text).toContain('deeper');
      expect(codec.decode(text)).toStrictEqual(throughJson(doc));
    }
  });

  it('keeps an own "__proto__" member an own member and never touches the prototype', () => {
    const codec = shapedCodec(shapeOfSchema({ type: 'object', properties: { id: { type: 'string' } } }));
    const value = JSON.parse('{"id":"x","__proto__":{"polluted":true}}');
    const decoded = codec.decode(codec.encode(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fails on damaged text with DocumentCodecError only, never another error or a silent half document', () => {
    const schema = fillWithDefaultSettings(averageSchema());
    const codec = shapedCodec(shapeOfSchema(schema));
    const doc = { ...averageSchemaData(), _meta: { lwt: 1 }, _rev: '1-a', _deleted: false, _attachments: {} };
    const text = codec.encode(doc);
    expect(() => codec.decode(text.slice(0, -1))).toThrow(DocumentCodecError);
    expect(() => codec.decode(`${text}x`)).toThrow(DocumentCodecError);
    expect(() => codec.decode('{"id":"json"}')).toThrow(DocumentCodecError);
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.integer({ min: 0, max: 0xffff }),
        fc.boolean(),
        (at, code, replace) => {
          const damaged = text.slice(0, at) + String.fromCharCode(code) + text.slice(replace ? at + 1 : at);
          try {
            codec.decode(damaged);
          } catch (error) {
            expect(error).toBeInstanceOf(DocumentCodecError);
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(() => codec.decode('a'.repeat(200_000))).toThrow(DocumentCodecError);
  });

  it('records table formats as JSON and refuses one it does not know', () => {
    const format = newTableFormat(fillWithDefaultSettings(averageSchema()));
    expect(parseTableFormat(JSON.stringify(format))).toStrictEqual(format);
    expect(parseTableFormat(null)).toStrictEqual(LEGACY_TABLE_FORMAT);
    const documents = JSON.stringify(format.documents);
    expect(() => parseTableFormat(`{"documents":{"format":"shape-9"},"indexKeys":"text-1"}`)).toThrow(
      DocumentCodecError,
    );
    expect(() => parseTableFormat(`{"documents":${documents},"indexKeys":"utf8"}`)).toThrow(
      DocumentCodecError,
    );
    expect(() =>
      parseTableFormat(
        '{"documents":{"format":"shape-1","shape":{"kind":"object","properties":[["__proto__",{"kind":"any"}]]}},"indexKeys":"text-1"}',
      ),
    ).toThrow(DocumentCodecError);
    expect(() => parseTableFormat('not json')).toThrow(DocumentCodecError);
  });
});
