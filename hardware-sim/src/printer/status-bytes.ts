/**
 * The bytes a TM printer answers to DLE EOT n (Epson ESC/POS Command Reference, "DLE EOT"). Each answer
 * has bit 1 and bit 4 on and bits 0 and 7 off; the rest report the printer's state.
 */
export interface PrinterFaultState {
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  readonly coverOpen: boolean;
  /** Drawer kick-out connector pin 3 HIGH (the simulated drawer is open). */
  readonly drawerOpen: boolean;
}

const FIXED = 0x12;

/** The answer byte for DLE EOT n, or undefined when n is not 1–4 (the printer then sends nothing). */
export function statusByteFor(n: number, s: PrinterFaultState): number | undefined {
  switch (n) {
    case 1:
      // bit 2: drawer pin 3 HIGH; bit 3: offline (cover open or paper-end stop take the printer offline).
      return FIXED | (s.drawerOpen ? 0x04 : 0) | (s.coverOpen || s.paperOut ? 0x08 : 0);
    case 2:
      // bit 2: cover open; bit 5: printing stopped by paper end.
      return FIXED | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    case 3:
      // No mechanical, autocutter, unrecoverable or auto-recoverable error is simulated.
      return FIXED;
    case 4:
      // bits 2,3: near-end sensor reports paper near end; bits 5,6: end sensor reports no paper.
      return FIXED | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    default:
      return undefined;
  }
}
