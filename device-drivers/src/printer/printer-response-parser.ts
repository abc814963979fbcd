import { PROCESS_ID_HEADER, PROCESS_ID_IDENTIFIER } from './escpos-commands.js';
import { isRealtimeStatusByte } from './realtime-status.js';

/** One thing a printer sent back. */
export type PrinterResponse =
  | { readonly kind: 'status-byte'; readonly byte: number }
  | { readonly kind: 'process-id'; readonly processId: string }
  | { readonly kind: 'unrecognised'; readonly byte: number };

/** Process ID response length: header, identifier, d1–d4, NUL (ESC/POS reference, GS ( H). */
const PROCESS_ID_LENGTH = 7;

function isProcessIdChar(b: number): boolean {
  return b >= 0x30 && b <= 0x7e;
}

/**
 * Splits the byte stream a printer sends into real-time status bytes and process ID responses.
 * Streaming and total: any byte sequence yields frames, never an exception; a broken process ID
 * response is reported byte by byte as unrecognised and parsing resumes on the next byte.
 */
export class PrinterResponseParser {
  #pending: number[] = [];

  push(chunk: Uint8Array): PrinterResponse[] {
    const out: PrinterResponse[] = [];
    for (const b of chunk) {
      this.#pending.push(b);
      this.#drain(out);
    }
    return out;
  }

  /** Bytes held while waiting for the rest of a process ID response. */
  get buffered(): number {
    return this.#pending.length;
  }

  reset(): void {
    this.#pending = [];
  }

  #drain(out: PrinterResponse[]): void {
    while (this.#pending.length > 0) {
      const p = this.#pending;
      const first = p[0] as number;
      if (first !== PROCESS_ID_HEADER) {
        p.shift();
        out.push(
          isRealtimeStatusByte(first)
            ? { kind: 'status-byte', byte: first }
            : { kind: 'unrecognised', byte: first },
        );
        continue;
      }
      if (!this.#prefixValid(p)) {
        p.shift();
        out.push({ kind: 'unrecognised', byte: first });
        continue;
      }
      if (p.length < PROCESS_ID_LENGTH) return;
      const id = String.fromCharCode(...p.slice(2, 6));
      this.#pending = p.slice(PROCESS_ID_LENGTH);
      out.push({ kind: 'process-id', processId: id });
    }
  }

  /** Whether the buffered bytes can still become a process ID response. */
  #prefixValid(p: number[]): boolean {
    for (let i = 1; i < Math.min(p.length, PROCESS_ID_LENGTH); i++) {
      const b = p[i] as number;
      if (i === 1 && b !== PROCESS_ID_IDENTIFIER) return false;
      if (i >= 2 && i <= 5 && !isProcessIdChar(b)) return false;
      if (i === 6 && b !== 0x00) return false;
    }
    return true;
  }
}
