/**
 * While a modal that reads the scanner is open (the approval dialog waits for a supervisor's badge), scans
 * belong to it: the sale screen behind it must neither add a line nor complain about a badge it cannot sell.
 * A counter, not a flag, so nested modals release in any order.
 */
let claims = 0;

/** Claims the scanner for a modal; call the returned function when the modal closes. */
export function claimScans(): () => void {
  claims++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    claims--;
  };
}

export function scansClaimed(): boolean {
  return claims > 0;
}
