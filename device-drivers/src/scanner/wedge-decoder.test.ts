import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDecoder, type WedgeKeystroke, type WedgeOutcome } from './wedge-decoder.js';

function strokes(text: string, start: number, gapMs: number): WedgeKeystroke[] {
  return [...text, 'Enter'].map((key, i) => ({ key, at: start + i * gapMs }));
}

function run(decoder: WedgeDecoder, keys: WedgeKeystroke[]): WedgeOutcome[] {
  return keys.map((k) => decoder.push(k)).filter((o) => o.kind !== 'pending');
}

describe('keyboard wedge decoder', () => {
  it('recognises a burst of keys ending in Enter as a scan', () => {
    expect(run(new WedgeDecoder(), strokes('4006381333931', 1000, 4))).toEqual([
      {
        kind: 'scan',
        result: { ok: true, value: { code: '4006381333931', symbology: 'unknown', source: 'wedge' } },
      },
    ]);
  });

  it('hands a person typing back as typing, never as a scan', () => {
    const outcomes = run(new WedgeDecoder(), strokes('1234', 1000, 180));
    expect(outcomes.every((o) => o.kind === 'typing')).toBe(true);
    expect(outcomes.flatMap((o) => (o.kind === 'typing' ? o.keys : []))).toEqual([
      '1',
      '2',
      '3',
      '4',
      'Enter',
    ]);
  });

  it('treats one or two quick keys and Enter as typing', () => {
    expect(run(new WedgeDecoder(), strokes('7', 0, 5))).toEqual([{ kind: 'typing', keys: ['7', 'Enter'] }]);
  });

  it('gives back held keys when the burst stops without Enter', () => {
    const d = new WedgeDecoder();
    d.push({ key: '1', at: 0 });
    d.push({ key: '2', at: 5 });
    expect(d.flush(10)).toEqual([]);
    expect(d.flush(100)).toEqual(['1', '2']);
  });

  it('a scan right after typing is still a scan', () => {
    const d = new WedgeDecoder();
    const typed = run(d, [{ key: 'a', at: 0 }]);
    const outcomes = run(d, strokes('96385074', 500, 3));
    expect(typed).toEqual([]);
    expect(outcomes).toEqual([
      { kind: 'typing', keys: ['a'] },
      { kind: 'scan', result: { ok: true, value: expect.objectContaining({ code: '96385074' }) } },
    ]);
  });

  it('loses no key: every key comes back as a scan or as typing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('1', '2', 'a', 'Enter', 'Shift'), fc.integer({ min: 0, max: 200 })),
          {
            maxLength: 60,
          },
        ),
        (keys) => {
          const d = new WedgeDecoder();
          let at = 0;
          const out: string[] = [];
          for (const [key, gap] of keys) {
            at += gap;
            const o = d.push({ key, at });
            if (o.kind === 'typing') out.push(...o.keys);
            if (o.kind === 'scan' && o.result.ok) out.push(...o.result.value.code, 'Enter');
            if (o.kind === 'scan' && !o.result.ok) out.push('<error>');
          }
          out.push(...d.flush(at + 1000));
          expect(out.filter((k) => k !== '<error>')).toEqual(keys.map(([k]) => k));
        },
      ),
    );
  });
});
