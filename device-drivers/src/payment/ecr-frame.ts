/**
 * ECR link framing (PROTOCOL.md §2): STX, payload length (2 bytes, big-endian), UTF-8 JSON payload, ETX,
 * LRC = XOR of the length bytes, payload and ETX. The receiver answers each frame with ACK, or NAK if the
 * LRC or the shape is wrong. Pure: bytes in, frames out.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
/** The longest payload accepted; anything longer is a corrupted length field. */
export const MAX_PAYLOAD = 16 * 1024;

export function lrc(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] as number;
  return x;
}

export function encodeEcrFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_PAYLOAD)
    throw new RangeError(`ECR payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD}`);
  const out = new Uint8Array(payload.length + 5);
  out[0] = STX;
  out[1] = payload.length >> 8;
  out[2] = payload.length & 0xff;
  out.set(payload, 3);
  out[payload.length + 3] = ETX;
  out[payload.length + 4] = lrc(out, 1, payload.length + 4);
  return out;
}

export type EcrFrameErrorReason = 'bad-lrc' | 'bad-etx' | 'oversized' | 'stray-bytes';

export type EcrLinkEvent =
  | { readonly kind: 'frame'; readonly payload: Uint8Array }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak' }
  | { readonly kind: 'error'; readonly reason: EcrFrameErrorReason; readonly skipped: number };

/**
 * Streaming decoder. Total: any input gives events, never an exception. After a bad frame it drops only
 * the STX it started from and looks for the next STX, so a good frame after garbage is always found.
 */
export class EcrFrameDecoder {
  #buf: number[] = [];
  #stray = 0;

  push(chunk: Uint8Array): EcrLinkEvent[] {
    for (const b of chunk) this.#buf.push(b);
    const out: EcrLinkEvent[] = [];
    for (;;) {
      const b = this.#buf;
      if (b.length === 0) break;
      const first = b[0] as number;
      if (first === ACK || first === NAK) {
        this.#flushStray(out);
        b.shift();
        out.push({ kind: first === ACK ? 'ack' : 'nak' });
        continue;
      }
      if (first !== STX) {
        b.shift();
        this.#stray++;
        continue;
      }
      if (b.length < 3) break;
      const len = ((b[1] as number) << 8) | (b[2] as number);
      if (len > MAX_PAYLOAD) {
        this.#flushStray(out);
        b.shift();
        out.push({ kind: 'error', reason: 'oversized', skipped: 1 });
        continue;
      }
      if (b.length < len + 5) {
        // A stray STX can claim a long length and hold back a good frame that follows; if a complete,
        // valid frame starts further on, the incomplete one was noise.
        const next = this.#nextValidFrame(1);
        if (next < 0) break;
        b.splice(0, next);
        this.#flushStray(out);
        out.push({ kind: 'error', reason: 'stray-bytes', skipped: next });
        continue;
      }
      this.#flushStray(out);
      const frame = Uint8Array.from(b.slice(0, len + 5));
      if (frame[len + 3] !== ETX) {
        b.shift();
        out.push({ kind: 'error', reason: 'bad-etx', skipped: 1 });
        continue;
      }
      if (lrc(frame, 1, len + 4) !== frame[len + 4]) {
        b.shift();
        out.push({ kind: 'error', reason: 'bad-lrc', skipped: 1 });
        continue;
      }
      b.splice(0, len + 5);
      out.push({ kind: 'frame', payload: frame.subarray(3, len + 3) });
    }
    this.#flushStray(out);
    return out;
  }

  /** Index of the first STX at or after `from` that begins a complete frame with a good ETX and LRC. */
  #nextValidFrame(from: number): number {
    const b = this.#buf;
    for (let k = b.indexOf(STX, from); k >= 0 && k + 5 <= b.length; k = b.indexOf(STX, k + 1)) {
      const len = ((b[k + 1] as number) << 8) | (b[k + 2] as number);
      if (len > MAX_PAYLOAD || k + len + 5 > b.length || b[k + len + 3] !== ETX) continue;
      let x = 0;
      for (let i = k + 1; i < k + len + 4; i++) x ^= b[i] as number;
      if (x === b[k + len + 4]) return k;
    }
    return -1;
  }

  reset(): void {
    this.#buf = [];
    this.#stray = 0;
  }

  #flushStray(out: EcrLinkEvent[]): void {
    if (this.#stray === 0) return;
    out.push({ kind: 'error', reason: 'stray-bytes', skipped: this.#stray });
    this.#stray = 0;
  }
}
