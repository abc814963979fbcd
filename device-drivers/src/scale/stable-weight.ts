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
  | 'no-weight';

/** One decoded reply from a scale, whatever its protocol. */
export type ScaleFrame =
  | { readonly type: 'weight'; readonly grams: number; readonly net: boolean }
  | { readonly type: 'condition'; readonly condition: ScaleCondition; readonly flags: readonly string[] };

/** Why bytes from the scale could not be read as a frame; the decoder resynchronises after each. */
export type ScaleFrameError = 'noise' | 'bad-frame' | 'bad-weight' | 'frame-too-long';

export type ScaleCommand = 'weigh' | 'zero' | 'tare' | 'clear-tare' | 'status';
