/** A weight the scale reported as stable and in range: the only weight ever handed on to a sale. */
export interface StableWeight {
  /** Integer grams (ARCHITECTURE.md §3: weights are integer grams). */
  readonly grams: number;
  /** True when the scale reports a net weight (a tare is active). */
  readonly net: boolean;
}

/** Why the scale has no stable weight to give right now. These are values, not errors. */
export type ScaleCondition =
  | 'motion'
  | 'over-capacity'
  | 'under-zero'
  | 'outside-zero-capture'
  | 'bad-command'
  | 'device-fault'
  | 'initial-zero-error'
  | 'no-weight';

/**
 * A status bit the scale sent that its protocol document does not define, or defines as fixed and the
 * scale sent the other way (an 8217 status byte with bit 6 clear). Reported, never thrown, never guessed at.
 */
export interface UnexpectedStatusBit {
  /** 1-based status byte number, as the documents count them. */
  readonly byte: number;
  readonly bit: number;
  readonly set: boolean;
}

/** One decoded reply from a scale, whatever its protocol. */
export type ScaleFrame =
  | {
      readonly type: 'weight';
      readonly grams: number;
      readonly net: boolean;
      readonly unexpectedBits?: readonly UnexpectedStatusBit[];
    }
  | {
      readonly type: 'condition';
      readonly condition: ScaleCondition;
      readonly flags: readonly string[];
      readonly unexpectedBits?: readonly UnexpectedStatusBit[];
    };

/** Why bytes from the scale could not be read as a frame; the decoder resynchronises after each. */
export type ScaleFrameError = 'noise' | 'bad-frame' | 'bad-weight' | 'frame-too-long';

export type ScaleCommand = 'weigh' | 'zero' | 'tare' | 'clear-tare' | 'status';
