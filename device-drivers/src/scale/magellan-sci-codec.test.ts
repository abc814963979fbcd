import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORE_POS_MAGELLAN,
  SCI_SCALE_MESSAGES,
  SCI_SCAN_MESSAGES,
} from '../../test/fixtures/magellan-sci.js';
import { encodeSciCommand, MAGELLAN_SCI_LINE, MagellanSciDecoder } from './magellan-sci-codec.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe('Magellan SCI codec against CORE-POS (SPH_Magellan_Scale.cs) and the Datalogic documents', () => {
  it('uses 9600 7O1 and the commands CORE-POS writes', () => {
    expect(MAGELLAN_SCI_LINE).toEqual(CORE_POS_MAGELLAN.line);
    expect(latin1(encodeSciCommand('status'))).toBe(CORE_POS_MAGELLAN.monitor);
    expect(latin1(encodeSciCommand('weigh'))).toBe(CORE_POS_MAGELLAN.weightRequest);
    expect(latin1(encodeSciCommand('beep'))).toBe(CORE_POS_MAGELLAN.beep);
  });

  it.each(SCI_SCALE_MESSAGES)('$source', ({ message, expect: wanted }) => {
    const [result] = new MagellanSciDecoder().push(bytes(message));
    expect(result).toMatchObject({
      ok: true,
      value: {
        type: 'scale',
        frame: 'grams' in wanted ? { type: 'weight', grams: wanted.grams } : { type: 'condition', ...wanted },
      },
    });
  });

  it.each(SCI_SCAN_MESSAGES)('$source', ({ message, code, symbology }) => {
    expect(new MagellanSciDecoder().push(bytes(message))).toEqual([
      {
        ok: true,
        value: { type: 'scan', scan: expect.objectContaining({ code, symbology, source: 'serial' }) },
      },
    ]);
  });

  it('reads scans and weights interleaved on one line, split anywhere', () => {
    const stream = bytes('S08F4006381333931\rS1440125\rS141\r');
    const d = new MagellanSciDecoder();
    const results = [...stream].flatMap((b) => d.push(Uint8Array.of(b)));
    expect(results.map((r) => r.ok && r.value.type)).toEqual(['scan', 'scale', 'scale']);
  });

  it('turns unknown messages and noise into typed errors', () => {
    const d = new MagellanSciDecoder();
    expect(d.push(bytes('S99\r'))[0]).toMatchObject({ ok: false, reason: 'unknown-message' });
    expect(d.push(bytes('S08Z123\r'))[0]).toMatchObject({ ok: false, reason: 'unknown-message' });
    expect(d.push(bytes('S08F\r'))[0]).toMatchObject({ ok: false, reason: 'empty-code' });
    expect(d.push(bytes('S11abcd\r'))[0]).toMatchObject({ ok: false, reason: 'bad-weight' });
    expect(d.push(Uint8Array.from([0x9a, 0xf3, 0x0d]))[0]).toMatchObject({ ok: false, reason: 'noise' });
  });
});

const goodMessage = fc.oneof(
  fc.constantFrom(...SCI_SCALE_MESSAGES.map((m) => m.message)),
  fc.constantFrom(...SCI_SCAN_MESSAGES.map((m) => m.message)),
);

/** Seeded: fast-check prints the seed and the shrunk counterexample when a property fails. */
const FUZZ = { seed: 0x5c1, numRuns: 400 } as const;

describe('Magellan SCI decoder under fuzzing', () => {
  it('never throws; resynchronises on the next good message after garbage or a truncated one', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          goodMessage.map((m) => bytes(m.slice(0, -1))),
        ),
        goodMessage,
        (garbage, message) => {
          const d = new MagellanSciDecoder();
          d.push(garbage);
          const results = d.push(bytes(`\r${message}`));
          expect(results[results.length - 1]).toEqual(new MagellanSciDecoder().push(bytes(message))[0]);
        },
      ),
      FUZZ,
    );
  });
});
