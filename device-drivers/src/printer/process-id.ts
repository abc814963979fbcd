import { REQUEST_PROCESS_ID } from './escpos-commands.js';

/** d1–d4 of GS ( H must each be 0x30–0x7E: 79 symbols, so four give 79^4 ≈ 39 million ids. */
const BASE = 0x7e - 0x30 + 1;

/** The process id for the n-th job of a connection, as four printable characters. */
export function processIdFor(sequence: number): string {
  let n = Math.abs(Math.trunc(sequence)) % BASE ** 4;
  let id = '';
  for (let i = 0; i < 4; i++) {
    id = String.fromCharCode(0x30 + (n % BASE)) + id;
    n = Math.floor(n / BASE);
  }
  return id;
}

export function processIdRequest(processId: string): Uint8Array {
  const out = new Uint8Array(REQUEST_PROCESS_ID.length + 4);
  out.set(REQUEST_PROCESS_ID);
  for (let i = 0; i < 4; i++) out[REQUEST_PROCESS_ID.length + i] = processId.charCodeAt(i);
  return out;
}
