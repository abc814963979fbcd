/** The control API's one catalog of error codes and their HTTP statuses; scripts branch on `code`. */
export const CONTROL_ERRORS = {
  'device-not-found': 404,
  'receipt-not-found': 404,
  'label-not-found': 404,
  'capability-missing': 409,
  'no-session': 409,
  'device-disconnected': 409,
  'unknown-fault': 400,
  'bad-request': 400,
} as const;

export type ControlErrorCode = keyof typeof CONTROL_ERRORS;

export interface ControlErrorBody {
  readonly code: string;
  readonly message: string;
}

/** HTTP status for a device's own failure reason: known codes map, anything else is a 400. */
export function statusFor(code: string): number {
  return code in CONTROL_ERRORS ? CONTROL_ERRORS[code as ControlErrorCode] : 400;
}
