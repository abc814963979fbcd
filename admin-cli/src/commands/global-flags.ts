import type { ConnectionFlags } from '../hq-connection.js';

/** Options every command takes (given before or after the command name). */
export interface GlobalFlags extends ConnectionFlags {
  /** Print HQ's answer as JSON instead of lines for people. */
  readonly json?: boolean;
}
