import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCP_COMMANDS, SCP_REPLIES } from '../../test/fixtures/nci-scp.js';
import { decodeNciStatus, encodeNciCommand, NciDecoder } from './nci-codec.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe('NCI codec against the SCP-01 documents', () => {
  it('sends the documented letter + CR commands, and a clear-tare that is not the tare', () => {
    expect(latin1(encodeNciCommand('weigh'))).toBe(SCP_COMMANDS.weigh);
    expect(latin1(encodeNciCommand('status'))).toBe(SCP_COMMANDS.status);
    expect(latin1(encodeNciCommand('zero'))).toBe(SCP_COMMANDS.zero);
    expect(latin1(encodeNciCommand('tare'))).toBe(SCP_COMMANDS.tare);
    expect(latin1(encodeNciCommand('clear-tare'))).not.toBe(latin1(encodeNciCommand('tare')));
  });

  it.each(SCP_REPLIES)('$source', ({ reply, expect: wanted }) => {
    const [result] = new NciDecoder().push(bytes(reply));
    if ('grams' in wanted) {
      expect(result).toMatchObject({ ok: true, value: { type: 'weight', ...wanted } });
    } else {
      expect(result).toMatchObject({ ok: true, value: { type: 'condition', condition: wanted.condition } });
      if (wanted.flags && result?.ok)
        expect(result.value.type === 'condition' && result.value.flags).toEqual(wanted.flags);
    }
  });

  it('reports a status bit the table leaves undefined as a value, not an error', () => {
    expect(decodeNciStatus([...bytes('0p1')])).toEqual({
      ok: true,
      value: { flags: [], unexpectedBits: [{ byte: 3, bit: 0, set: true }] },
    });
    expect(decodeNciStatus([...bytes('p0')])).toMatchObject({
      ok: true,
      value: { unexpectedBits: [{ byte: 1, bit: 6, set: true }] },
    });
    expect(new NciDecoder().push(bytes('\n01.250KG\r\n0p1\r\x03'))[0]).toEqual({
      ok: true,
      value: { type: 'weight', grams: 1250, net: false, unexpectedBits: [{ byte: 3, bit: 0, set: true }] },
    });
  });

  it('refuses a status chain that is cut short or runs on, as typed errors', () => {
    expect(decodeNciStatus([...bytes('0p')])).toMatchObject({ ok: false, reason: 'bad-frame' });
    expect(decodeNciStatus([...bytes('000')])).toMatchObject({ ok: false, reason: 'bad-frame' });
    expect(decodeNciStatus([...bytes('0')])).toMatchObject({ ok: false, reason: 'bad-frame' });
  });

  it('never hands on a negative weight: it is under zero', () => {
    expect(new NciDecoder().push(bytes('\n-0.120KG\r\n00\r\x03'))[0]).toMatchObject({
      value: { condition: 'under-zero' },
    });
  });

  it('reports malformed replies as typed errors', () => {
    const d = new NciDecoder();
    expect(d.push(bytes('zz\n1.2kg\r\nAB\r\x03'))).toEqual([
      { ok: false, reason: 'noise', detail: '2 byte(s) outside a frame' },
      { ok: false, reason: 'bad-frame', detail: 'status byte 1 (0x41) lacks bits 4 and 5' },
    ]);
  });
});

/** Good replies built from the documents' grammar (not from an encoder of ours). */
const statusField = fc
  .tuple(
    fc.constantFrom('', 'S'),
    fc.integer({ min: 0, max: 15 }),
    fc.integer({ min: 0, max: 15 }),
    fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
  )
  .map(([prefix, a, b, c]) =>
    c === undefined
      ? `${prefix}${String.fromCharCode(0x30 | a, 0x30 | b)}`
      : `${prefix}${String.fromCharCode(0x30 | a, 0x70 | b, 0x30 | c)}`,
  );
const weightField = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('kg', 'KG', 'lb', 'LB'))
  .map(([n, unit]) => `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}${unit}`);
const goodFrame = fc.oneof(
  fc.tuple(weightField, statusField).map(([w, s]) => bytes(`\n${w}\r\n${s}\r\x03`)),
  statusField.map((s) => bytes(`\n${s}\r\x03`)),
);

/** Seeded: fast-check prints the seed and the shrunk counterexample when a property fails. */
const FUZZ = { seed: 0x5c9, numRuns: 400 } as const;

describe('NCI decoder under fuzzing', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (chunks) => {
        const d = new NciDecoder();
        for (const chunk of chunks) {
          for (const r of d.push(chunk)) {
            if (!r.ok) expect(['noise', 'bad-frame', 'bad-weight', 'frame-too-long']).toContain(r.reason);
          }
        }
      }),
      FUZZ,
    );
  });

  it('resynchronises on the next good reply after garbage or a truncated reply', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 60 }),
          goodFrame.map((f) => f.slice(0, f.length - 1)),
        ),
        goodFrame,
        (garbage, frame) => {
          const d = new NciDecoder();
          const results = d.push(Uint8Array.from([...garbage, ...frame]));
          expect(results[results.length - 1]).toEqual(new NciDecoder().push(frame)[0]);
        },
      ),
      FUZZ,
    );
  });
});
