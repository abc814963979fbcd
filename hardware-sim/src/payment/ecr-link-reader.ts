// The terminal's side of the Storefloor ECR link framing, written from device-drivers/src/payment/PROTOCOL.md
// §2 (not from the driver's codec: ARCHITECTURE.md §2).

/** PROTOCOL.md §2: a frame starts with STX. */
export const STX = 0x02;
/** PROTOCOL.md §2: ETX closes the payload. */
export const ETX = 0x03;
/** PROTOCOL.md §2: the one-byte answer to a well-formed frame. */
export const ACK = 0x06;
/** PROTOCOL.md §2: the one-byte answer to a frame whose ETX or LRC is wrong. */
export const NAK = 0x15;
/** PROTOCOL.md §2: LEN is at most 16384. */
export const MAX_PAYLOAD = 16384;
/** PROTOCOL.md §2: STX, LEN_HI, LEN_LO before the payload; ETX, LRC after it. */
const HEAD = 3;
const TAIL = 2;

/** What the reader found in the byte stream, in order. */
export type EcrLinkItem =
  | { readonly kind: 'frame'; readonly payload: Uint8Array }
  /** A framing fault: the receiver answers NAK for bad-etx and bad-lrc (PROTOCOL.md §2). */
  | { readonly kind: 'fault'; readonly fault: 'bad-etx' | 'bad-lrc' | 'oversized' | 'abandoned' }
  /** A lone ACK or NAK byte outside a frame: the peer's answer to a frame we sent. */
  | { readonly kind: 'answer'; readonly answer: 'ack' | 'nak' }
  | { readonly kind: 'stray'; readonly count: number };

/** PROTOCOL.md §2: LRC is the XOR of LEN_HI, LEN_LO, every payload byte and ETX. */
export function lrcOf(lengthAndPayload: Uint8Array): number {
  let lrc = ETX;
  for (const byte of lengthAndPayload) lrc ^= byte;
  return lrc;
}

/** Frames a payload for the link (PROTOCOL.md §2). Throws on a payload the protocol cannot carry (a bug). */
export function frameEcrPayload(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`ECR payload of ${payload.length} bytes > 16384`);
  const out = new Uint8Array(HEAD + payload.length + TAIL);
  out[0] = STX;
  out[1] = payload.length >> 8;
  out[2] = payload.length & 0xff;
  out.set(payload, HEAD);
  out[HEAD + payload.length] = ETX;
  out[HEAD + payload.length + 1] = lrcOf(out.subarray(1, HEAD + payload.length));
  return out;
}

type Check = { readonly ok: true; readonly end: number } | { readonly ok: false; readonly why: string };

/**
 * Reads the ECR link one chunk at a time. It keeps what it has not understood yet and never throws:
 * stray bytes are counted, a bad frame is reported and its STX dropped so the search goes on from the
 * next STX, and a frame still waiting for bytes is abandoned once a complete good frame follows it
 * (PROTOCOL.md §2: "the stream resynchronises on the next good frame").
 */
export class EcrLinkReader {
  #pending: Uint8Array = new Uint8Array(0);

  /** Bytes held while a frame is incomplete. */
  get buffered(): number {
    return this.#pending.length;
  }

  read(chunk: Uint8Array): EcrLinkItem[] {
    const joined = new Uint8Array(this.#pending.length + chunk.length);
    joined.set(this.#pending);
    joined.set(chunk, this.#pending.length);
    const items: EcrLinkItem[] = [];
    let at = 0;
    while (at < joined.length) {
      const start = joined.indexOf(STX, at);
      if (start < 0) {
        this.#outside(joined.subarray(at), items);
        at = joined.length;
        break;
      }
      if (start > at) this.#outside(joined.subarray(at, start), items);
      const check = this.#check(joined, start);
      if (check.ok) {
        items.push({ kind: 'frame', payload: joined.slice(start + HEAD, check.end - TAIL) });
        at = check.end;
        continue;
      }
      if (check.why === 'short') {
        const later = this.#nextGoodFrame(joined, start + 1);
        if (later < 0) {
          at = start;
          break;
        }
        items.push({ kind: 'fault', fault: 'abandoned' });
        at = later;
        continue;
      }
      items.push({ kind: 'fault', fault: check.why as 'bad-etx' | 'bad-lrc' | 'oversized' });
      at = start + 1;
    }
    this.#pending = joined.slice(at);
    return items;
  }

  #check(bytes: Uint8Array, start: number): Check {
    if (bytes.length - start < HEAD) return { ok: false, why: 'short' };
    const length = ((bytes[start + 1] as number) << 8) | (bytes[start + 2] as number);
    if (length > MAX_PAYLOAD) return { ok: false, why: 'oversized' };
    const end = start + HEAD + length + TAIL;
    if (bytes.length < end) return { ok: false, why: 'short' };
    if (bytes[end - 2] !== ETX) return { ok: false, why: 'bad-etx' };
    if (bytes[end - 1] !== lrcOf(bytes.subarray(start + 1, end - 2))) return { ok: false, why: 'bad-lrc' };
    return { ok: true, end };
  }

  #nextGoodFrame(bytes: Uint8Array, from: number): number {
    for (let i = bytes.indexOf(STX, from); i >= 0; i = bytes.indexOf(STX, i + 1)) {
      if (this.#check(bytes, i).ok) return i;
    }
    return -1;
  }

  #outside(bytes: Uint8Array, items: EcrLinkItem[]): void {
    let stray = 0;
    for (const byte of bytes) {
      if (byte === ACK || byte === NAK) {
        if (stray > 0) items.push({ kind: 'stray', count: stray });
        stray = 0;
        items.push({ kind: 'answer', answer: byte === ACK ? 'ack' : 'nak' });
      } else stray++;
    }
    if (stray > 0) items.push({ kind: 'stray', count: stray });
  }
}
