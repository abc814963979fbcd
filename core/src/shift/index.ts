export type { CashMovementInput } from './cash-movement.js';
export { recordCashMovement } from './cash-movement.js';
export type { ShiftError } from './shift-error.js';
export type { CloseShiftInput, OpenShiftInput } from './shift-lifecycle.js';
export { closeShift, openShift } from './shift-lifecycle.js';
export type {
  ReportCash,
  ReportInput,
  ReportTax,
  ReportTender,
  ReportTotals,
  ShiftReport,
} from './shift-report.js';
export { xReport, zReport } from './shift-report.js';
