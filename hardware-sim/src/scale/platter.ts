/**
 * What is on a simulated scale's platter and what the scale makes of it: the gross load set through the
 * control API, the zero it captured and the tare it holds. Integer grams throughout. Protocol-free: the
 * 8217, NCI and SCI responders each read it and write their own bytes.
 */
export class Platter {
  #gross = 0;
  #stable = true;
  #zeroOffset = 0;
  #tare = 0;
  #forcedMotion = false;

  constructor(readonly capacityGrams: number) {}

  load(grams: number, stable: boolean): void {
    this.#gross = grams;
    this.#stable = stable;
  }

  /** The `moving` fault: vibration on the platter whatever the load. */
  set vibrating(on: boolean) {
    this.#forcedMotion = on;
  }

  get moving(): boolean {
    return !this.#stable || this.#forcedMotion;
  }

  /** Gross weight above the captured zero. */
  get gross(): number {
    return this.#gross - this.#zeroOffset;
  }

  /** What the display shows: net of the tare when one is held. */
  get displayed(): number {
    return this.gross - this.#tare;
  }

  get tareHeld(): boolean {
    return this.#tare !== 0;
  }

  get overCapacity(): boolean {
    return this.gross > this.capacityGrams;
  }

  get underZero(): boolean {
    return this.displayed < 0;
  }

  get atZero(): boolean {
    return this.displayed === 0;
  }

  /** Zero capture: only when stable and within ±2 % of capacity of the old zero (a usual capture range). */
  get withinZeroCapture(): boolean {
    return Math.abs(this.gross) * 50 <= this.capacityGrams;
  }

  zero(): boolean {
    if (this.moving || this.tareHeld || !this.withinZeroCapture) return false;
    this.#zeroOffset = this.#gross;
    return true;
  }

  tare(): boolean {
    if (this.moving || this.displayed <= 0 || this.overCapacity) return false;
    this.#tare = this.gross;
    return true;
  }

  clearTare(): boolean {
    if (this.moving) return false;
    this.#tare = 0;
    return true;
  }
}
