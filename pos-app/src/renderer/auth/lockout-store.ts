import { type LockoutState, parseLockoutState } from './pin-lockout.js';

const KEY = 'storefloor.pinLockout';

/** The lane's own record of wrong PINs (this lane only: a lock at lane 1 does not lock lane 2). */
export function loadLockouts(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): LockoutState {
  return parseLockoutState(storage?.getItem(KEY));
}

export function saveLockouts(
  state: LockoutState,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(KEY, JSON.stringify(state));
}
