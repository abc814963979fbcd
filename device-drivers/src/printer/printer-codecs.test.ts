import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRINTER_PROFILE_IDS, PRINTER_PROFILES } from './printer-profile.js';
import { PrinterResponseParser } from './printer-response-parser.js';
import { processIdFor, processIdRequest } from './process-id.js';
import { conditionFromReadings, decodeStatusByte, isRealtimeStatusByte } from './realtime-status.js';
import { drawerKickCommand, encodeReceipt } from './receipt-encoder.js';

describe('DLE EOT status bytes', () => {
  it('decodes the Epson bit meanings', () => {
    expect(decodeStatusByte(1, 0x16)).toEqual({ ok: true, value: { drawerPin3High: true, online: true } });
    expect(decodeStatusByte(1, 0x1a)).toEqual({ ok: true, value: { drawerPin3High: false, online: false } });
    expect(decodeStatusByte(2, 0x36)).toMatchObject({
      ok: true,
      value: { coverOpen: true, stoppedByPaperEnd: true },
    });
    expect(decodeStatusByte(3, 0x7e)).toMatchObject({
      ok: true,
      value: { errors: ['mechanical', 'autocutter', 'unrecoverable', 'auto-recoverable'] },
    });
    expect(decodeStatusByte(4, 0x1e)).toMatchObject({
      ok: true,
      value: { paperNearEnd: true, paperOut: false },
    });
    expect(decodeStatusByte(4, 0x7e)).toMatchObject({
      ok: true,
      value: { paperNearEnd: true, paperOut: true },
    });
  });

  it('merges readings into a condition', () => {
    const r = (n: 1 | 2 | 3 | 4, b: number) => {
      const d = decodeStatusByte(n, b);
      if (!d.ok) throw new Error(d.reason);
      return d.value;
    };
    expect(conditionFromReadings({ 1: r(1, 0x12), 2: r(2, 0x12), 3: r(3, 0x12), 4: r(4, 0x1e) })).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: true,
      paperOut: false,
      drawerOpen: false,
      errors: [],
    });
  });

  it('returns a typed failure, never throws, for any byte and query', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 300 }), fc.integer({ min: -1, max: 300 }), (n, byte) => {
        const d = decodeStatusByte(n, byte);
        if (!d.ok) expect(['not-a-status-byte', 'unknown-query']).toContain(d.reason);
        else expect(isRealtimeStatusByte(byte)).toBe(true);
      }),
    );
  });
});

describe('PrinterResponseParser', () => {
  it('separates status bytes from process ID answers across chunk boundaries', () => {
    const p = new PrinterResponseParser();
    const out = [
      ...p.push(Uint8Array.of(0x12, 0x37, 0x22, 0x30)),
      ...p.push(Uint8Array.of(0x31, 0x32, 0x33, 0x00, 0x1e)),
    ];
    expect(out).toEqual([
      { kind: 'status-byte', byte: 0x12 },
      { kind: 'process-id', processId: '0123' },
      { kind: 'status-byte', byte: 0x1e },
    ]);
  });

  it('never throws and resynchronises on the next good frame after random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 5 }), (garbage, chunk) => {
        const p = new PrinterResponseParser();
        const bytes = [...garbage, 0x37, 0x22, 0x41, 0x42, 0x43, 0x44, 0x00];
        const out = [];
        for (let i = 0; i < bytes.length; i += chunk)
          out.push(...p.push(Uint8Array.from(bytes.slice(i, i + chunk))));
        expect(out.at(-1)).toEqual({ kind: 'process-id', processId: 'ABCD' });
        expect(p.buffered).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeReceipt', () => {
  it('writes the Epson bytes for drawer kick, cut, Kanji text and process id', () => {
    expect([...drawerKickCommand(5)]).toEqual([0x1b, 0x70, 0x01, 50, 100]);
    const r = encodeReceipt(
      { blocks: [{ kind: 'text', text: 'A中' }, { kind: 'cut' }] },
      { initialize: false },
    );
    expect(r.ok && [...r.value.bytes]).toEqual([
      0x41, 0x1c, 0x26, 0xd6, 0xd0, 0x1c, 0x2e, 0x0a, 0x1d, 0x56, 0x41, 3,
    ]);
    expect([...processIdRequest(processIdFor(0))]).toEqual([
      0x1d, 0x28, 0x48, 6, 0, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30,
    ]);
  });

  it('rejects what a printer cannot print as typed failures', () => {
    expect(encodeReceipt({ blocks: [{ kind: 'barcode', symbology: 'EAN13', data: '12AB' }] })).toMatchObject({
      ok: false,
      reason: 'barcode-invalid',
    });
    expect(encodeReceipt({ blocks: [{ kind: 'qr', data: 'x'.repeat(4000) }] })).toMatchObject({
      ok: false,
      reason: 'qr-invalid',
    });
  });

  it('never lets catalog text inject a command, on any profile', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60, unit: 'binary' }),
        fc.constantFrom(...PRINTER_PROFILE_IDS),
        (text, id) => {
          const r = encodeReceipt(
            { blocks: [{ kind: 'text', text }] },
            { initialize: false, profile: PRINTER_PROFILES[id] },
          );
          if (!r.ok) throw new Error(r.reason);
          // The only control bytes left are LF and the text commands the encoder itself chose:
          // ESC t n with n of the profile, FS & and FS . around Kanji.
          const tables = PRINTER_PROFILES[id].codePages.map((c) => c.n);
          const bytes = [...r.value.bytes];
          for (let i = 0; i < bytes.length; i++) {
            const b = bytes[i] as number;
            if (b === 0x1b) {
              expect(bytes[i + 1]).toBe(0x74);
              expect(tables).toContain(bytes[i + 2]);
              i += 2;
            } else if (b === 0x1c) {
              expect([0x26, 0x2e]).toContain(bytes[i + 1]);
              i++;
            } else expect(b === 0x0a || b >= 0x20).toBe(true);
          }
        },
      ),
    );
  });

  it('processIdFor gives four printable characters', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(processIdFor(n)).toMatch(/^[\x30-\x7e]{4}$/);
      }),
    );
  });
});
