import { err, ok, type Result } from '@storefloor/core';
import type { ScannedCode } from './symbology.js';

/** One key press as the renderer sees it (KeyboardEvent.key and the event's timestamp in ms). */
export interface WedgeKeystroke {
  readonly key: string;
  readonly at: number;
}

export interface WedgeOptions {
  /** Longest gap between two keys of one scan, in ms (scanners type a key every 1-10 ms; people 50+). */
  readonly maxGapMs?: number;
  /** Shortest code accepted as a scan. */
  readonly minLength?: number;
  /** Longest time from first key to Enter. */
  readonly maxDurationMs?: number;
}

export type WedgeError = 'too-slow';

/** What the decoder decided about a keystroke. */
export type WedgeOutcome =
  | { readonly kind: 'pending' }
  | { readonly kind: 'typing'; readonly keys: readonly string[] }
  | { readonly kind: 'scan'; readonly result: Result<ScannedCode, WedgeError> };

/**
 * Keyboard-wedge scanner decoder, pure: tells a scanner's burst of keystrokes ending in Enter apart from a
 * person typing, by inter-key timing. Timestamps are passed in; no clock is read here.
 * Keys that turn out to be typing are handed back (`typing`) so the focused field can still get them.
 */
export class WedgeDecoder {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  readonly #maxDurationMs: number;
  #buffer: string[] = [];
  #firstAt = 0;
  #lastAt = 0;

  constructor(options: WedgeOptions = {}) {
    this.#maxGapMs = options.maxGapMs ?? 30;
    this.#minLength = options.minLength ?? 4;
    this.#maxDurationMs = options.maxDurationMs ?? 1000;
    if (this.#maxGapMs <= 0) throw new TypeError('wedge option "maxGapMs" must be > 0');
    if (this.#minLength < 1) throw new TypeError('wedge option "minLength" must be >= 1');
  }

  push(stroke: WedgeKeystroke): WedgeOutcome {
    const gap = stroke.at - this.#lastAt;
    if (this.#buffer.length > 0 && (gap > this.#maxGapMs || gap < 0)) {
      // Too slow to be one scan: what we held was typing. The new key starts over.
      const typed = this.#buffer;
      this.#buffer = [];
      const rest = this.push(stroke);
      const more = rest.kind === 'typing' ? rest.keys : [];
      return { kind: 'typing', keys: [...typed, ...more] };
    }
    if (stroke.key === 'Enter') {
      if (this.#buffer.length === 0) return { kind: 'typing', keys: ['Enter'] };
      const code = this.#buffer.join('');
      const duration = stroke.at - this.#firstAt;
      this.#buffer = [];
      if (code.length < this.#minLength) {
        // Too few keys for any barcode: a person pressed a key or two and Enter.
        return { kind: 'typing', keys: [...code, 'Enter'] };
      }
      if (duration > this.#maxDurationMs) {
        return { kind: 'scan', result: err('too-slow', `${duration} ms from first key to Enter`) };
      }
      return { kind: 'scan', result: ok({ code, symbology: 'unknown', source: 'wedge' }) };
    }
    if (stroke.key.length !== 1) {
      // Shift, Tab, arrows: a scanner never sends them inside a code.
      const typed = [...this.#buffer, stroke.key];
      this.#buffer = [];
      return { kind: 'typing', keys: typed };
    }
    if (this.#buffer.length === 0) this.#firstAt = stroke.at;
    this.#buffer.push(stroke.key);
    this.#lastAt = stroke.at;
    return { kind: 'pending' };
  }

  /** Call when no key came for a while (`now` in the same clock): held keys were typing. */
  flush(now: number): readonly string[] {
    if (this.#buffer.length === 0 || now - this.#lastAt <= this.#maxGapMs) return [];
    const typed = this.#buffer;
    this.#buffer = [];
    return typed;
  }
}
